#!/usr/bin/env bash
# Builds phusong and runs it on the sample data in geodata/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# The map's Leaflet comes from the npm registry and is served by the binary (no CDN).
[ -d web/node_modules/leaflet ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)
cargo build --locked --bin phusong
exec "$CARGO_TARGET_DIR/debug/phusong" "${@:-serve}"
