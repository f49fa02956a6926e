//! `phusong synth` output passes `phusong check` at every preset.

use std::process::Command;

fn phusong(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_phusong"))
        .args(args)
        .output()
        .expect("phusong runs")
}

#[test]
fn every_preset_passes_check() {
    for preset in ["commune", "province", "national"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let out_dir = dir.path().to_str().expect("utf-8 path");
        let out = phusong(&["synth", "--preset", preset, "--seed", "7", "--out", out_dir]);
        assert!(
            out.status.success(),
            "{preset}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files: Vec<String> = ["thon", "sites", "fiber", "households"]
            .iter()
            .map(|l| format!("{out_dir}/{l}.geojson"))
            .collect();
        let mut args = vec!["check"];
        args.extend(files.iter().map(String::as_str));
        let out = phusong(&args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{preset}: {stdout}");
        assert_eq!(stdout.matches("ok  ").count(), 4, "{preset}: {stdout}");
    }
}
