//! The GeoJSON import and validation: arbitrary bytes through `phusong::import::{thon, sites,
//! fiber, households}`, the first byte choosing the layer and the CRS given with the file.
//! Any panic, abort, stack overflow, timeout or OOM is a bug: the importer must return Ok or
//! `ImportError`, and keep the promises `phusong_fuzz::import::run` checks.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    phusong_fuzz::import::run(data);
});
