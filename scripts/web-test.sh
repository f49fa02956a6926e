#!/usr/bin/env bash
# Browser tests of the map against the real service: starts `phusong serve` on a free port
# with a fresh data folder and an operator token, runs web/test/run.sh, stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# --all-targets: the same feature set as `cargo test --all-targets` (dev-dependencies unify
# features of shared crates), so after scripts/test.sh this rebuilds nothing, where
# `--bin phusong` alone would build PROJ and the crate a second time.
cargo build --locked --all-targets
bin="$CARGO_TARGET_DIR/debug/phusong"
data="$(mktemp -d)"
log="$(mktemp)"
"$bin" serve --addr 127.0.0.1:0 --data-dir "$data" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" | head -n 1 || true)"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "phusong serve exited" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { cat "$log" >&2; echo "phusong serve did not start" >&2; exit 1; }
token="$("$bin" token create --data-dir "$data" --operator Viettel)"
PHUSONG_URL="$url" PHUSONG_TOKEN="$token" PHUSONG_OPERATOR=Viettel bash web/test/run.sh
