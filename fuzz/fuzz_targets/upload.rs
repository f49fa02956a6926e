//! The upload endpoints: the input as the body of POST /api/sites or /api/fiber (the first
//! byte choosing the layer and the token), sent through the real router in process. The
//! answer must be 200 or 4xx, never 5xx, and the status the upload's steps give
//! (`phusong_fuzz::upload::Service::run`).
//!
//! The service is opened once per process, over the sample data with its store in a folder
//! under `$PHUSONG_FUZZ_TMP` (default: the system's temporary folder); every accepted upload
//! is undone, so that each input meets the same service.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use phusong_fuzz::upload::Service;

static SERVICE: OnceLock<Service> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let service = SERVICE.get_or_init(|| {
        let parent = std::env::var_os("PHUSONG_FUZZ_TMP")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        Service::new(&parent)
    });
    service.run(data);
});
