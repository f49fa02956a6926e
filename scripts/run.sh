#!/usr/bin/env bash
# Builds phusong and runs it on the sample data in geodata/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --locked --bin phusong
exec "$CARGO_TARGET_DIR/debug/phusong" "${@:-serve}"
