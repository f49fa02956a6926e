//! `phusong serve` and `phusong token create`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Subcommand};

use phusong::api::{self, AppState, ServiceConfig};
use phusong::coverage::CoverageConfig;
use phusong::radio::ModelKind;
use phusong::store::{GeoPackageStore, Store, TokenRole, hash_token, new_token};

/// Arguments of `phusong serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PHUSONG_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Folder of the store (phusong.gpkg, a GeoPackage QGIS opens).
    #[arg(long, env = "PHUSONG_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Folder of the four layer files that seed an empty store.
    #[arg(long, env = "PHUSONG_SEED_DIR", default_value = "geodata")]
    seed_dir: PathBuf,
    /// Folder of the map.
    #[arg(long, env = "PHUSONG_WEB_DIR", default_value = "web")]
    web_dir: PathBuf,
    /// Radio model.
    #[arg(long, env = "PHUSONG_MODEL", value_enum, default_value = "disc")]
    model: ModelKind,
    /// Weakest RSRP (dBm) that counts as covered.
    #[arg(long, default_value_t = -115.0, allow_hyphen_values = true)]
    covered_rsrp_dbm: f64,
    /// Reads need a token too.
    #[arg(long, env = "PHUSONG_READ_TOKEN_REQUIRED")]
    read_token_required: bool,
    /// Largest request body, MiB.
    #[arg(long, default_value_t = 20)]
    max_body_mib: usize,
    /// Most features in one upload.
    #[arg(long, default_value_t = 10_000)]
    max_upload_features: usize,
    /// Longest a request may take, seconds.
    #[arg(long, default_value_t = 30)]
    request_timeout_s: u64,
}

impl ServeArgs {
    fn config(&self) -> ServiceConfig {
        let mut c = ServiceConfig::new(self.data_dir.clone());
        c.addr = self.addr;
        c.seed_dir = self.seed_dir.clone();
        c.web_dir = self.web_dir.clone();
        c.coverage = CoverageConfig {
            model: self.model,
            covered_rsrp_dbm: self.covered_rsrp_dbm,
            ..CoverageConfig::default()
        };
        c.read_token_required = self.read_token_required;
        c.max_body_bytes = self.max_body_mib * 1024 * 1024;
        c.max_upload_features = self.max_upload_features;
        c.request_timeout = Duration::from_secs(self.request_timeout_s);
        c
    }
}

/// Opens the store (seeding it on first start) and serves until SIGINT or SIGTERM.
pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let config = args.config();
    let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    rt.block_on(async move {
        let addr = config.addr;
        let state = tokio::task::spawn_blocking(move || AppState::open(config)).await??;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        let local = listener.local_addr()?;
        tracing::info!(%local, "phusong is serving; open http://{local}/");
        println!("phusong listening on http://{local}/");
        api::serve(listener, api::router(state), shutdown_signal())
            .await
            .context("serving")?;
        tracing::info!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// `phusong token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it on stdout; only its hash is stored.
    Create(TokenArgs),
}

/// Arguments of `phusong token create`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Folder of the store.
    #[arg(long, env = "PHUSONG_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// The operator whose sites and routes the token may change.
    #[arg(long, conflicts_with = "admin", required_unless_present = "admin")]
    operator: Option<String>,
    /// A token that may change anything.
    #[arg(long)]
    admin: bool,
}

/// Creates a token.
pub fn token(cmd: TokenCommand) -> anyhow::Result<ExitCode> {
    let TokenCommand::Create(args) = cmd;
    std::fs::create_dir_all(&args.data_dir)
        .with_context(|| format!("creating {}", args.data_dir.display()))?;
    let path = args.data_dir.join("phusong.gpkg");
    let mut store =
        GeoPackageStore::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let role = match args.operator {
        Some(op) => TokenRole::Operator(op),
        None => TokenRole::Admin,
    };
    let token = new_token();
    store
        .add_token(&hash_token(&token), &role)
        .context("storing the token")?;
    println!("{token}");
    Ok(ExitCode::SUCCESS)
}
