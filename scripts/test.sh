#!/usr/bin/env bash
# Runs every check and test: formatting, lints, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked --all-targets
cargo test --locked --doc

# The map in real headless Chromium against the real service.
bash scripts/web-test.sh
