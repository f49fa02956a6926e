#!/usr/bin/env bash
# Runs the cargo fuzz targets in fuzz/ one after another, one job each (docs/reliability.md,
# "Fuzzing"):
#
#   scripts/fuzz.sh [target|all] [seconds]     # default: every target, 600 s each
#
# Targets: import (the GeoJSON import and validation), upload (POST /api/sites and /api/fiber
# through the real router). cargo fuzz needs nightly flags: RUSTC_BOOTSTRAP=1 lets the stable
# toolchain take them. The fuzz build (with a second build of PROJ, ~10 min the first time)
# goes to its own target dir, $PHUSONG_FUZZ_TARGET_DIR (default /var/tmp/phusong-fuzz-target),
# never the main build's. The seed corpus (tests/bad_inputs/, geodata/) is copied into
# fuzz/corpus/<target>/ at each run; crashes go to fuzz/artifacts/<target>/, the log of each
# run to fuzz/logs/. Leaks of PROJ's (C++) memory are suppressed: see fuzz/lsan.supp.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
all=(import upload)
target="${1:-all}"
secs="${2:-600}"
if [ "$target" = all ]; then
  targets=("${all[@]}")
else
  [[ " ${all[*]} " == *" $target "* ]] || { echo "fuzz: unknown target $target (one of: ${all[*]}, all)" >&2; exit 2; }
  targets=("$target")
fi

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${PHUSONG_FUZZ_TARGET_DIR:-/var/tmp/phusong-fuzz-target}"
# The upload target's store (a GeoPackage) lives here; on tmpfs when there is one, so that
# its fsyncs cost nothing.
tmp_parent=/dev/shm
[ -d "$tmp_parent" ] && [ -w "$tmp_parent" ] || tmp_parent="${TMPDIR:-/tmp}"
PHUSONG_FUZZ_TMP=$(mktemp -d "$tmp_parent/phusong-fuzz.XXXXXX")
export PHUSONG_FUZZ_TMP
export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
trap 'rm -rf "$PHUSONG_FUZZ_TMP"' EXIT

# One seed: a selector byte (see fuzz/src/lib.rs, `select`) followed by a file.
seed() { # dir selector-octal name file
  { printf "\\$2"; cat "$4"; } >"$1/seed-$3"
}

# The sample households' first 40 features, as a FeatureCollection of their own.
households_slice() {
  head -n 41 geodata/households.geojson | sed '$ s/,$//'
  echo ']}'
}

# Layers in VN-2000 metres (points from tests/fixtures/cs2cs_reference.csv), so that the
# fuzzer starts from files that reprojection accepts: a `crs` member, or a CRS given.
vn2000_sites='{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::5898"}},"features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[583600,1677900]},"properties":{"id":"VN-1","operator":"Viettel","tech":["4G"],"radius_m":1500}}]}'
vn2000_thon='{"type":"FeatureCollection","features":[{"type":"Feature","id":"T-1","geometry":{"type":"Polygon","coordinates":[[[583100,1677400],[584100,1677400],[584100,1678400],[583100,1678400],[583100,1677400]]]},"properties":{"name":"Thôn 1","population":120,"households":30}}]}'
vn2000_fiber='{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[261300,1678500],[245000,1690000]]},"properties":{"id":"F-1","operator":"VNPT"}}]}'
vn2000_households='{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[570000,1690000]},"properties":{"people":4}}]}'

# One seed from a string: dir selector-octal name text
seed_text() {
  { printf "\\$2"; printf '%s' "$4"; } >"$1/seed-$3"
}

prepare_corpus() { # target
  local dir="$root/fuzz/corpus/$1" f slice
  mkdir -p "$dir"
  slice="$PHUSONG_FUZZ_TMP/households-slice.geojson"
  households_slice >"$slice"
  case "$1" in
    import) # byte 0: bits 0-1 layer (0 thon, 1 sites, 2 fiber, 3 households), bits 2-5 CRS
      for f in tests/bad_inputs/sites/*; do seed "$dir" 001 "sites-$(basename "$f")" "$f"; done
      for f in tests/bad_inputs/fiber/*; do seed "$dir" 002 "fiber-$(basename "$f")" "$f"; done
      seed "$dir" 000 geodata-thon geodata/thon.geojson
      seed "$dir" 001 geodata-sites geodata/sites.geojson
      seed "$dir" 002 geodata-fiber geodata/fiber.geojson
      seed "$dir" 003 geodata-households-40 "$slice"
      # 051 = 0x29: sites given as VN-2000 / TM-3 491 (EPSG:5898), as --crs would.
      seed "$dir" 051 sites-utm_metres-5898 tests/bad_inputs/sites/utm_metres.geojson
      # 050: thon given EPSG:5898; 053: households given 5898; 076: fiber given EPSG:3406.
      seed_text "$dir" 001 vn2000-sites-crs-member "$vn2000_sites"
      seed_text "$dir" 050 vn2000-thon-5898 "$vn2000_thon"
      seed_text "$dir" 053 vn2000-households-5898 "$vn2000_households"
      seed_text "$dir" 076 vn2000-fiber-3406 "$vn2000_fiber"
      ;;
    upload) # byte 0: bit 0 layer (0 sites, 1 fiber), bits 1-4 sender (0-9 admin, 10-13 Viettel)
      for f in tests/bad_inputs/sites/*; do seed "$dir" 000 "sites-$(basename "$f")" "$f"; done
      for f in tests/bad_inputs/fiber/*; do seed "$dir" 001 "fiber-$(basename "$f")" "$f"; done
      seed "$dir" 000 geodata-sites-admin geodata/sites.geojson
      seed "$dir" 024 geodata-sites-viettel geodata/sites.geojson
      seed "$dir" 001 geodata-fiber-admin geodata/fiber.geojson
      seed "$dir" 025 geodata-fiber-viettel geodata/fiber.geojson
      seed "$dir" 000 households-40-as-sites "$slice"
      seed_text "$dir" 000 vn2000-sites-crs-member-admin "$vn2000_sites"
      seed_text "$dir" 024 vn2000-sites-crs-member-viettel "$vn2000_sites"
      ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  prepare_corpus "$t"
  mkdir -p "fuzz/artifacts/$t" fuzz/logs
  log="fuzz/logs/$t-$(date -u +%Y%m%dT%H%M%SZ).log"
  echo "fuzz: $t for $secs s, log in $log" >&2
  set +e
  cargo fuzz run "$t" "$root/fuzz/corpus/$t" -- \
    -max_total_time="$secs" -dict="$root/fuzz/geojson.dict" -rss_limit_mb=4096 \
    -max_len=65536 -timeout=10 -print_final_stats=1 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  crashes=$(find "fuzz/artifacts/$t" -type f | wc -l)
  echo "fuzz: $t exit $rc; corpus $corpus files; $crashes file(s) in fuzz/artifacts/$t" >&2
  grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 >&2 || true
  grep -E '^stat::' "$log" >&2 || true
  [ "$rc" -eq 0 ] || status=$rc
done
exit "$status"
