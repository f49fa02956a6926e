#!/usr/bin/env bash
# The service under load: point queries per second and their latency over HTTP (wrk), the
# start-up time from an already-seeded store, and the server's peak memory. Not part of CI.
#
#   scripts/bench/http.sh [sample|commune|province|national]     (default: province)
#
# "sample" serves geodata/; a preset is generated with `phusong synth --seed 1` and seeds an
# empty store. Environment: PHUSONG (default the dev binary), DURATION (wrk, default 30s),
# THREADS (2), CONNECTIONS (50), STARTS (start-ups timed, default 5), UPLOADS (one-site
# uploads timed, default 20).
# Everything listens on 127.0.0.1 only; every wait is bounded.
set -euo pipefail

data="${1:-province}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
phusong="${PHUSONG:-${CARGO_TARGET_DIR:-/var/tmp/phusong-target}/debug/phusong}"
duration="${DURATION:-30s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-50}"
starts="${STARTS:-5}"
uploads="${UPLOADS:-20}"

case "$data" in sample | commune | province | national) ;; *)
  echo "usage: $0 [sample|commune|province|national]" >&2
  exit 2
  ;;
esac
# shellcheck source=scripts/bench/lib.sh
source "$here/lib.sh"
need_phusong "$phusong"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
install_packages "${need[@]}"

work="$(mktemp -d /tmp/phusong-http.XXXXXX)"
server=""
stop_server() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$data" = sample ]; then
  seed="$root/geodata"
else
  seed="$work/seed"
  "$phusong" synth --preset "$data" --seed 1 --out "$seed"
fi
bbox="$(python3 - "$seed/thon.geojson" <<'EOF'
import json, sys
xs, ys = [], []
def walk(c):
    if isinstance(c[0], (int, float)):
        xs.append(c[0]); ys.append(c[1])
    else:
        for x in c: walk(x)
for f in json.load(open(sys.argv[1], encoding="utf-8"))["features"]:
    walk(f["geometry"]["coordinates"])
print(f"{min(xs)},{min(ys)},{max(xs)},{max(ys)}")
EOF
)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"

# Launches the server in the background; $server is its pid.
launch() {
  "$phusong" serve --addr "127.0.0.1:$port" --data-dir "$work/store" --seed-dir "$seed" \
    --web-dir "$root/web" >"$work/serve.out" 2>"$work/serve.err" &
  server=$!
}
# Seconds from now until /healthz answers, polling every 10 ms; at most $1 seconds.
wait_healthy() {
  local limit="$1" t0 now
  t0="$(date +%s.%N)"
  while :; do
    if curl -fs -o /dev/null "$url/healthz"; then
      now="$(date +%s.%N)"
      echo "$now - $t0" | awk '{ printf "%.3f", $1 - $3 }'
      return 0
    fi
    kill -0 "$server" 2>/dev/null || {
      echo "the server exited:" >&2
      cat "$work/serve.err" >&2
      return 1
    }
    now="$(date +%s.%N)"
    if awk -v a="$now" -v b="$t0" -v l="$limit" 'BEGIN { exit !(a - b > l) }'; then
      echo "no answer on /healthz within $limit s" >&2
      return 1
    fi
    sleep 0.01
  done
}
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$server/status"; }
# The server's CPU time so far (user + system), in clock ticks: what a request costs the
# server itself, apart from wrk, which shares the two cores.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
# Runs wrk with the given arguments, keeping its report in $1 and the server's CPU ticks over
# the run in $1.cpu.
wrk_run() {
  local out="$1" before
  shift
  before="$(cpu_ticks)"
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency "$@" | tee "$out"
  echo "$(($(cpu_ticks) - before))" >"$out.cpu"
}

# --- the first start seeds the store ---------------------------------------------------------
launch
first="$(wait_healthy 900)"
head -n 1 "$work/serve.out"
echo "first start (seeding the store from $seed): $first s, peak RSS $(($(hwm_kb) / 1024)) MiB"
status="$(curl -s -o "$work/point.json" -w '%{http_code}' "$url/api/coverage/point?lat=$(echo "$bbox" | awk -F, '{ print ($2 + $4) / 2 }')&lon=$(echo "$bbox" | awk -F, '{ print ($1 + $3) / 2 }')")"
echo "a point query at the box's centre: HTTP $status, $(head -c 200 "$work/point.json")…"
[ "$status" = 200 ] || exit 1

# --- point queries under load ----------------------------------------------------------------
echo "wrk -t$threads -c$connections -d$duration --latency, random points in $bbox"
BBOX="$bbox" wrk_run "$work/wrk.txt" -s "$here/point.lua" "$url"
echo "the same without the site list (sites=none, the map's answer)"
BBOX="$bbox" POINT_QUERY="&sites=none" wrk_run "$work/wrk-short.txt" -s "$here/point.lua" "$url"
echo "server peak RSS after the load: $(($(hwm_kb) / 1024)) MiB"
# The ceiling on this machine: the same server, connections and wrk answering /healthz ("ok"
# through the same middleware, no query, no JSON).
echo "wrk -t$threads -c$connections -d$duration --latency $url/healthz (the ceiling)"
wrk_run "$work/wrk-healthz.txt" "$url/healthz"

# --- one uploaded site to updated figures, over HTTP ------------------------------------------
# Each upload is a new 4G+5G Viettel site at a seeded random place in the box; its 200 comes
# after the store's durable commit and carries the before/after figures of the thôn it changed.
token="$("$phusong" token create --data-dir "$work/store" --operator Viettel)"
python3 - "$bbox" "$uploads" "$work" <<'EOF'
import json, random, sys
min_lon, min_lat, max_lon, max_lat = map(float, sys.argv[1].split(","))
rng = random.Random(1)
for i in range(1, int(sys.argv[2]) + 1):
    lon = min_lon + rng.random() * (max_lon - min_lon)
    lat = min_lat + rng.random() * (max_lat - min_lat)
    site = {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {"id": f"BENCH-{i}", "operator": "Viettel", "tech": ["4G", "5G"]}}
    with open(f"{sys.argv[3]}/site-{i}.json", "w") as f:
        json.dump({"type": "FeatureCollection", "features": [site]}, f)
EOF
: >"$work/uploads"
for ((i = 1; i <= uploads; i++)); do
  curl -s -o "$work/upload.out" -w '%{http_code} %{time_total}\n' -X POST \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/geo+json' \
    --data-binary "@$work/site-$i.json" "$url/api/sites" >>"$work/uploads"
done
stop_server

# --- start-up from the seeded store ----------------------------------------------------------
: >"$work/starts"
for ((i = 1; i <= starts; i++)); do
  launch
  t="$(wait_healthy 300)"
  echo "$t $(hwm_kb)" >>"$work/starts"
  echo "start $i: healthy after $t s, peak RSS $(($(hwm_kb) / 1024)) MiB"
  stop_server
done
python3 - "$work/starts" "$work/wrk.txt" "$data" "$work/uploads" "$work/wrk-healthz.txt" \
  "$work/wrk-short.txt" <<'EOF'
import os, re, statistics, sys
starts = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
uploads = [l.split() for l in open(sys.argv[4]) if l.strip()]

tick = os.sysconf("SC_CLK_TCK")

def wrk(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    # The server's own CPU per request, µs: how many a server with the 2 cores to itself
    # could answer is 2 s / this (a bound, not a measurement: wrk needs cores too).
    cpu_us = int(open(path + ".cpu").read()) / tick / total * 1e6
    return rps, pct, errors.group(1) if errors else 0, cpu_us

def report(name, path):
    rps, pct, errors, cpu = wrk(path)
    print(f"{name}: {rps:,.0f} requests/s; latency p50 {pct['50']}, p90 {pct['90']}, "
          f"p99 {pct['99']}; non-2xx {errors}; server CPU {cpu:.1f} µs per request "
          f"(2 cores of its own: ≤ {2e6 / cpu:,.0f} requests/s)")
    return rps

print()
rps = report(sys.argv[3], sys.argv[2])
report("without the site list (sites=none)", sys.argv[6])
ceiling, cpct, _, ccpu = wrk(sys.argv[5])
print(f"/healthz on the same server: {ceiling:,.0f} requests/s, p99 {cpct['99']}, server CPU "
      f"{ccpu:.1f} µs per request; point queries reach {rps / ceiling:.0%} of it")
print(f"start-up from the store, median of {len(starts)}: "
      f"{statistics.median(s for s, _ in starts):.3f} s (runs: {' '.join(f'{s:.2f}' for s, _ in starts)}); "
      f"peak RSS at start-up {statistics.median(k for _, k in starts) / 1024:.0f} MiB")
ok = sorted(float(t) * 1000 for code, t in uploads if code == "200")
if ok:
    print(f"one-site upload to updated figures over HTTP: {len(ok)} of {len(uploads)} answered "
          f"200; median {statistics.median(ok):.1f} ms, max {max(ok):.1f} ms")
if len(ok) != len(uploads):
    print(f"uploads not answered 200: {[c for c, _ in uploads if c != '200']}")
    sys.exit(1)
EOF
