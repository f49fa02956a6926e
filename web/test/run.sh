#!/usr/bin/env bash
# Browser tests of the map (web/test/map.spec.mjs) against a running phusong server.
#
#   PHUSONG_URL=http://127.0.0.1:8080/ PHUSONG_TOKEN=<a token that may upload sites> bash web/test/run.sh
#
# Optional: PHUSONG_OPERATOR (the operator that token may change; default Viettel),
# PHUSONG_SCREENSHOT (default /tmp/phusong-map.png), CHROMIUM (default /usr/bin/chromium).
# PHUSONG_URL=mock runs the tests against test/mock-server.mjs instead (no Rust server needed).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${PHUSONG_URL:?set PHUSONG_URL to the base URL of a running phusong serve (or to mock)}"

chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "no Chromium at $chromium_bin: install Debian's chromium (apt-get install chromium) or set CHROMIUM" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund --loglevel=error

mock_pid=""
cleanup() { if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ "$PHUSONG_URL" = mock ]; then
  log="$(mktemp)"
  MOCK_TOKEN="${PHUSONG_TOKEN:-mock-token}" node test/mock-server.mjs --port 0 >"$log" 2>&1 &
  mock_pid=$!
  for _ in $(seq 1 100); do
    url="$(grep -o 'http://[^ ]*' "$log" || true)"
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$log" >&2; echo "the mock server did not start" >&2; exit 1; }
  export PHUSONG_URL="$url" PHUSONG_TOKEN="${PHUSONG_TOKEN:-mock-token}"
  echo "testing against the mock server at $PHUSONG_URL" >&2
fi

export PHUSONG_URL PHUSONG_TOKEN="${PHUSONG_TOKEN:-}" CHROMIUM="$chromium_bin"
node --test --test-concurrency=1 test/map.spec.mjs
