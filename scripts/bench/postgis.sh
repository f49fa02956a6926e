#!/usr/bin/env bash
# phusong's disc-model figures against PostGIS as a peer: the same synthetic files, the same
# model, timed in the same run (alternating, so that a noisy shared machine slows both), and
# checked for agreement per thôn. Not part of CI: it installs PostgreSQL and runs minutes.
#
#   scripts/bench/postgis.sh [commune|province|national]     (default: province)
#
# Environment: RUNS (default 5), PHUSONG (default the dev binary), KEEP=1 keeps the work
# folder (data, stats.json, the PostGIS CSV, timings) for inspection.
# Exits non-zero when the figures disagree beyond the tolerance of compare.py.
# shellcheck disable=SC2317  # cleanup, load, figures and stats are called through trap/timed
set -euo pipefail

preset="${1:-province}"
runs="${RUNS:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
phusong="${PHUSONG:-${CARGO_TARGET_DIR:-/var/tmp/phusong-target}/debug/phusong}"
pg_bin=/usr/lib/postgresql/15/bin

case "$preset" in commune | province | national) ;; *)
  echo "usage: $0 [commune|province|national]" >&2
  exit 2
  ;;
esac
# shellcheck source=scripts/bench/lib.sh
source "$here/lib.sh"
need_phusong "$phusong"

# --- what it needs (Debian 12) ---------------------------------------------------------------
need=()
[ -x "$pg_bin/initdb" ] || need+=(postgresql)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15-postgis-3)
[ -x /usr/bin/time ] || need+=(time)
install_packages "${need[@]}"

# --- a throwaway cluster on loopback ----------------------------------------------------------
# initdb refuses to run as root, and the server reads the GeoJSON with pg_read_file: the work
# folder is owned by, or readable for, the postgres user.
work="$(mktemp -d /tmp/phusong-postgis.XXXXXX)"
chmod 755 "$work"
mkdir "$work/pg"
chown postgres: "$work/pg"
pg_started=""
cleanup() {
  if [ -n "$pg_started" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null || true
  fi
  if [ "${KEEP:-}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 >/dev/null
# Durability is irrelevant for a throwaway cluster (as for phusong, which writes no store
# here); memory sized for a 24 GiB machine. phusong uses every core (rayon), so beyond the
# commune PostGIS is offered to as well: parallel plans even over the small site table, whose
# rows each lead to thousands of households. (On the shared 2-core machine this made no
# clear difference at province scale; at commune scale starting workers tripled the time.)
parallel=""
[ "$preset" = commune ] ||
  parallel="-c parallel_setup_cost=0 -c parallel_tuple_cost=0 -c min_parallel_table_scan_size=0"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 60 \
  -o "-k $work/pg -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off \
      -c full_page_writes=off -c shared_buffers=2GB -c work_mem=256MB \
      -c maintenance_work_mem=1GB -c max_parallel_workers_per_gather=2 $parallel" \
  start >/dev/null
pg_started=1
pg() { runuser -u postgres -- psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
pg -c 'CREATE EXTENSION postgis' >/dev/null
echo "PostgreSQL $(pg -At -c 'SHOW server_version'), PostGIS $(pg -At -c 'SELECT postgis_lib_version()'), GEOS $(pg -At -c 'SELECT postgis_geos_version()'), on 127.0.0.1:$port"

# --- the data ---------------------------------------------------------------------------------
data="$work/data"
"$phusong" synth --preset "$preset" --seed 1 --out "$data"
chmod -R a+rX "$data"
layers=(--villages "$data/thon.geojson" --sites "$data/sites.geojson"
  --fiber "$data/fiber.geojson" --households "$data/households.geojson")

# A first phusong run gives the figures to compare and the metric CRS PostGIS must use.
"$phusong" stats "${layers[@]}" --model disc --out "$work/stats.json"
srid="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["metric_crs"].split(":")[1])' "$work/stats.json")"
echo "metric CRS EPSG:$srid"

load() {
  pg -v srid="$srid" -v thon="$data/thon.geojson" -v sites="$data/sites.geojson" \
    -v fiber="$data/fiber.geojson" -v households="$data/households.geojson" -f "$here/load.sql"
}
figures() { pg -f "$here/disc.sql"; }
stats() {
  /usr/bin/time -f '%M' -o "$work/rss" "$phusong" stats "${layers[@]}" --model disc \
    --out "$work/stats.run.json" --timings "$work/stages.json" >/dev/null
}
# phusong's own stages of the run just timed, appended like the wall clocks: read (GeoJSON),
# index (reprojection, R-trees), engine (footprints, households), figures, write.
stages() {
  python3 -c 'import json, sys
for k, v in json.load(open(sys.argv[1])).items(): print(f"phusong_{k[:-2]} {v:.3f}")' \
    "$work/stages.json" >>"$work/times"
}

# Wall clock of one command, seconds, appended to the timings as "name seconds".
timed() {
  local name="$1" t0 t1
  shift
  t0="$(date +%s.%N)"
  "$@"
  t1="$(date +%s.%N)"
  echo "$name $(echo "$t1 - $t0" | awk '{ printf "%.3f", $1 - $3 }')" | tee -a "$work/times"
}

# --- timing: load, PostGIS figures and phusong alternate in every run ------------------------
: >"$work/times"
for ((i = 1; i <= runs; i++)); do
  echo "run $i/$runs"
  timed postgis_load load
  timed postgis_figures figures
  timed phusong_stats stats
  stages
  echo "phusong_rss_kb $(cat "$work/rss")" >>"$work/times"
done
pg -At -F ' ' -c "SELECT 'counts', (SELECT count(*) FROM thon), (SELECT count(*) FROM site),
  (SELECT count(*) FROM tx), (SELECT count(*) FROM fiber), (SELECT count(*) FROM household)" >>"$work/times"

# Where PostGIS's time goes: the same figures once more, statement by statement.
echo "PostGIS figures, statement by statement (ms):"
pg -e -c '\timing on' -f "$here/disc.sql" |
  awk '/^(CREATE|INSERT|DROP)/ { label = substr($0, 1, 60) } /^Time:/ && label { printf "  %9s  %s\n", $2, label; label = "" }'

# --- agreement --------------------------------------------------------------------------------
pg -f "$here/edge.sql"
pg -c 'COPY (SELECT * FROM comparison) TO STDOUT WITH (FORMAT csv, HEADER)' >"$work/postgis.csv"
status=0
python3 "$here/compare.py" "$work/stats.json" "$work/postgis.csv" || status=$?

python3 - "$work/times" "$preset" <<'EOF'
import statistics, sys
t = {}
counts = None
for line in open(sys.argv[1]):
    name, *rest = line.split()
    if name == "counts":
        counts = rest
    else:
        t.setdefault(name, []).append(float(rest[0]))
med = {k: statistics.median(v) for k, v in t.items()}
n = len(t["phusong_stats"])
print(f"\npreset {sys.argv[2]}: {counts[0]} thôn, {counts[1]} sites ({counts[2]} 4G/5G "
      f"transmitters), {counts[3]} fiber routes, {counts[4]} households; median of {n} runs")
for k in ("postgis_load", "postgis_figures", "phusong_stats", "phusong_read", "phusong_index",
          "phusong_engine", "phusong_figures", "phusong_write"):
    print(f"  {k:16} {med[k]:9.3f} s   (runs: {' '.join(f'{x:.2f}' for x in t[k])})")
print(f"  phusong peak RSS {med['phusong_rss_kb'] / 1024:.0f} MiB")
# Like for like: PostGIS's figures start from tables loaded, reprojected and indexed, and so do
# phusong's engine and figures (footprints, households, overlays); each side's load is the
# other comparison, files to figures.
ph = med["phusong_stats"]
ph_compute = statistics.median(e + f for e, f in zip(t["phusong_engine"], t["phusong_figures"]))
print(f"  ratio PostGIS figures / phusong engine + figures (both from indexed data): "
      f"{med['postgis_figures'] / ph_compute:6.1f}×")
print(f"  ratio PostGIS load + figures / phusong stats (both from the files):        "
      f"{(med['postgis_load'] + med['postgis_figures']) / ph:6.1f}×")
print(f"  ratio PostGIS figures / phusong stats (phusong's load counted, PostGIS's not): "
      f"{med['postgis_figures'] / ph:6.1f}×")
EOF
exit "$status"
