#!/usr/bin/env bash
# The load test of issue #7: wrk for 60 s at 200 connections of mixed reads while uploads go
# on; passes only with no 5xx, every acknowledged upload served, and memory flat. Not in CI.
#
#   scripts/bench/load.sh [sample|commune|province]     (default: province)
#
# "sample" serves geodata/; a preset is generated with `phusong synth --seed 1` and seeds an
# empty store. Environment: PHUSONG (default the dev binary), DURATION (seconds, default 60),
# THREADS (wrk, 2), CONNECTIONS (200), UPLOADERS (parallel upload loops, 2), SITES_CAP (sites
# each loop keeps at most, 100), KEEP (a folder: the run's raw files — wrk output, upload log,
# RSS samples, server log, check — are copied there), WEIGHTS (passed to mixed.lua: other
# weights for some reads, e.g. WEIGHTS=gaps_all=0). Everything listens on 127.0.0.1 only;
# every wait is bounded.
#
# What runs, at the same time, for DURATION seconds:
#   - wrk -t2 -c200 --latency -s scripts/bench/mixed.lua: the read endpoints, weighted like map
#     users (mostly point queries and the summary); mixed.lua counts answers by status class;
#   - UPLOADERS loops (python3, stdlib), each with its own Viettel token created while the
#     server runs, one request after another as fast as the server answers: single- and
#     multi-site uploads of new sites in the thôn box, re-uploads of their own sites with new
#     values, DELETEs of their own sites, and invalid requests that must get their 4xx (422
#     bad tech / not JSON / latitude 91 / one bad among good, 403 another operator's site,
#     401 no or unknown token, 404 delete of a missing site). Once a loop holds SITES_CAP
#     sites, its new-site uploads turn into deletes, so the data stops growing;
#   - the server's VmRSS read from /proc every second.
# Then every acknowledged upload is looked for in GET /api/sites (with its position and radius),
# every acknowledged delete and every refused upload must have left no site, and the summary
# is printed. Exit 1 if any answer is a 5xx, a read is not 2xx, an upload got another status
# than it should or no answer, an acknowledged change is not served, the server logged an
# error, or memory is not flat: the mean VmRSS of the last 20 s more than 10 % above the mean
# of the 20 s before.
set -euo pipefail

data="${1:-province}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
phusong="${PHUSONG:-${CARGO_TARGET_DIR:-/var/tmp/phusong-target}/debug/phusong}"
duration="${DURATION:-60}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-200}"
uploaders="${UPLOADERS:-2}"
cap="${SITES_CAP:-100}"
keep="${KEEP:-}"

case "$data" in sample | commune | province) ;; *)
  echo "usage: $0 [sample|commune|province]" >&2
  exit 2
  ;;
esac
case "$duration" in '' | *[!0-9]*)
  echo "DURATION is a whole number of seconds, got $duration" >&2
  exit 2
  ;;
esac
[ "$duration" -ge 45 ] || {
  echo "DURATION must be at least 45 s (the memory criterion compares the last two 20-s windows)" >&2
  exit 2
}
# shellcheck source=scripts/bench/lib.sh
source "$here/lib.sh"
need_phusong "$phusong"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
install_packages "${need[@]}"

work="$(mktemp -d /tmp/phusong-load.XXXXXX)"
server=""
sampler=""
stop_server() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    # Bounded: SIGKILL if it has not stopped after 30 s.
    for _ in $(seq 300); do
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
cleanup() {
  if [ -n "$sampler" ]; then
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
  fi
  stop_server
  if [ -n "$keep" ]; then
    mkdir -p "$keep"
    cp "$work"/{wrk.txt,mixed.txt,uploads.jsonl,rss.txt,serve.err,check.txt} "$keep"/ 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$data" = sample ]; then
  seed="$root/geodata"
else
  seed="$work/seed"
  "$phusong" synth --preset "$data" --seed 1 --out "$seed" >/dev/null
fi
# The thôn layer's box, and a seeded sample of 200 thôn ids for the detail and gaps requests.
read -r bbox thon_ids nthon < <(python3 - "$seed/thon.geojson" <<'EOF'
import json, random, sys
xs, ys = [], []
def walk(c):
    if isinstance(c[0], (int, float)):
        xs.append(c[0]); ys.append(c[1])
    else:
        for x in c: walk(x)
ids = []
for f in json.load(open(sys.argv[1], encoding="utf-8"))["features"]:
    walk(f["geometry"]["coordinates"])
    ids.append(str(f.get("properties", {}).get("id", f.get("id"))))
sample = random.Random(1).sample(ids, min(200, len(ids)))
print(f"{min(xs)},{min(ys)},{max(xs)},{max(ys)}", ",".join(sample), len(ids))
EOF
)
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
store="$work/store"

# tower_http at debug logs every request with its URI, status and time in the handler: the
# summary's per-endpoint table, and the URI of any 5xx, come from that log.
RUST_LOG="info,tower_http=debug" "$phusong" serve --addr "127.0.0.1:$port" --data-dir "$store" \
  --seed-dir "$seed" --web-dir "$root/web" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
# The first start seeds the store: at most 900 s.
t0=$SECONDS
until curl -fs -o /dev/null --max-time 5 "$url/healthz"; do
  kill -0 "$server" 2>/dev/null || {
    echo "the server exited:" >&2
    cat "$work/serve.err" >&2
    exit 1
  }
  if ((SECONDS - t0 > 900)); then
    echo "no answer on /healthz within 900 s" >&2
    exit 1
  fi
  sleep 0.2
done
echo "$data: serving $url after $((SECONDS - t0)) s ($nthon thôn, box $bbox)"

# Tokens. The server looks every presented token up in phusong_tokens (store::tokens::find,
# through its own SQLite connection, no cache), so tokens created now, with the server
# running, are seen at once; each is checked before use (a DELETE of a site that does not
# exist is 404 with a known token, 401 otherwise).
tokens=()
for ((i = 0; i < uploaders; i++)); do
  tok="$(timeout 60 "$phusong" token create --data-dir "$store" --operator Viettel)"
  st="$(curl -s -o /dev/null --max-time 30 -w '%{http_code}' -X DELETE \
    -H "Authorization: Bearer $tok" "$url/api/sites/Viettel/no-such-site-$i")"
  [ "$st" = 404 ] || {
    echo "a token created while serving got HTTP $st, not 404" >&2
    exit 1
  }
  tokens+=("$tok")
done
echo "created ${#tokens[@]} Viettel token(s) while serving; the server accepts them"

# --- the upload loops, as a python3 program (stdlib only) ------------------------------------
cat >"$work/uploads.py" <<'EOF'
"""Upload loops for scripts/bench/load.sh.

uploads.py URL BBOX SECONDS CAP LOG TOKEN...   one loop per token for SECONDS, each keeping at
                                             most CAP sites of its own; one JSON line per
                                             request in LOG
uploads.py --check URL LOG                     check the served sites against LOG
"""
import http.client, json, random, sys, threading, time

OPERATOR = "Viettel"
TECHS = [["4G"], ["4G", "5G"], ["5G"], ["3G", "4G"], ["2G", "4G"]]


def site(rng, sid, box):
    w, s, e, n = box
    lon = round(w + (e - w) * rng.uniform(0.05, 0.95), 6)
    lat = round(s + (n - s) * rng.uniform(0.05, 0.95), 6)
    radius = float(rng.randrange(300, 2500))
    props = {"id": sid, "operator": OPERATOR, "tech": rng.choice(TECHS), "radius_m": radius,
             "height_m": float(rng.randrange(20, 60))}
    if rng.random() < 0.3:
        props["sectors"] = [{"azimuth_deg": a} for a in (0, 120, 240)]
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
               "properties": props}
    return feature, {"lon": lon, "lat": lat, "radius_m": radius}


def collection(features):
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


class Client:
    def __init__(self, url):
        host, port = url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.conn = None

    def send(self, method, path, body=None, token=None):
        headers = {"Content-Type": "application/geo+json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        # One kept-alive connection per loop, as a client would use; a request that gets no
        # answer is not retried (it may have been applied) and counts as no answer.
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
            return r.status, r.read()
        except Exception:
            self.conn.close()
            self.conn = None
            raise


def loop(k, url, box, seconds, token, cap, out, lock):
    rng = random.Random(1000 + k)
    cl = Client(url)
    mine = []          # ids this loop added and has not deleted (acknowledged)
    n = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        n += 1
        r = rng.random()
        rec = {"loop": k, "n": n}
        # Once the loop has `cap` sites of its own, a new-sites upload becomes a delete: the
        # data stops growing, so RSS growth after that is not the data's.
        full = len(mine) >= cap and r >= 0.50
        if (r < 0.15 or full) and mine:
            sid = mine.pop(rng.randrange(len(mine)))
            rec.update(kind="delete", expect=200, deleted=[sid])
            req = ("DELETE", f"/api/sites/{OPERATOR}/{sid}", None, token)
        elif r < 0.30:
            bad = rng.choice(["tech_6g", "not_json", "lat_91", "one_bad_among_good", "foreign",
                              "no_token", "unknown_token", "delete_missing"])
            sid = f"LOAD{k}-{n:05d}"
            f, _ = site(rng, sid, box)
            expect, body, tok, method, path = 422, None, token, "POST", "/api/sites"
            if bad == "tech_6g":
                f["properties"]["tech"] = "6G"
                body = collection([f])
            elif bad == "not_json":
                body = collection([f])[:-7]
            elif bad == "lat_91":
                f["geometry"]["coordinates"][1] = 91.0
                body = collection([f])
            elif bad == "one_bad_among_good":
                fs = [site(rng, f"{sid}-{i}", box)[0] for i in range(3)]
                fs[-1]["properties"]["radius_m"] = -5
                body = collection(fs)
                rec["refused_ids"] = [x["properties"]["id"] for x in fs]
            elif bad == "foreign":
                f["properties"]["operator"] = "VNPT"
                body, expect = collection([f]), 403
            elif bad == "no_token":
                body, tok, expect = collection([f]), None, 401
            elif bad == "unknown_token":
                body, tok, expect = collection([f]), "x" * 43, 401
            elif bad == "delete_missing":
                method, path, expect = "DELETE", f"/api/sites/{OPERATOR}/{sid}-never", 404
            rec.update(kind="invalid:" + bad, expect=expect)
            rec.setdefault("refused_ids", [sid])
            req = (method, path, body, tok)
        elif r < 0.50 and mine:
            # New values (position, radius, tech) for some of the loop's own sites.
            ids = rng.sample(mine, min(len(mine), rng.randrange(1, 9)))
            fs, sites = [], {}
            for sid in ids:
                f, v = site(rng, sid, box)
                fs.append(f)
                sites[sid] = v
            rec.update(kind="update", expect=200, sites=sites)
            req = ("POST", "/api/sites", collection(fs), token)
        else:
            count = 1 if r < 0.75 else rng.randrange(2, 9)
            fs, sites = [], {}
            for i in range(count):
                sid = f"LOAD{k}-{n:05d}-{i}"
                f, v = site(rng, sid, box)
                fs.append(f)
                sites[sid] = v
            rec.update(kind="single" if count == 1 else "multi", expect=200, sites=sites)
            req = ("POST", "/api/sites", collection(fs), token)
        t = time.monotonic()
        rec["t"] = round(t - (deadline - seconds), 3)
        try:
            status, body = cl.send(*req)
        except Exception as e:  # no answer at all
            status, body = 0, repr(e).encode()
        rec["s"] = round(time.monotonic() - t, 4)
        rec["status"] = status
        if status == 200:
            a = json.loads(body)
            rec["upload_id"] = a["upload_id"]
            keys = sorted(f"{OPERATOR}/{i}" for i in rec.get("sites", {}))
            if rec["kind"] in ("single", "multi"):
                rec["ack_ok"] = sorted(a["inserted"]) == keys and not a["updated"]
                mine.extend(rec["sites"])
            elif rec["kind"] == "update":
                rec["ack_ok"] = sorted(a["updated"]) == keys and not a["inserted"]
            elif rec["kind"] == "delete":
                rec["ack_ok"] = a["deleted"] == [f"{OPERATOR}/{rec['deleted'][0]}"]
        elif status != rec["expect"]:
            rec["body"] = body[:300].decode("utf-8", "replace")
        with lock:
            out.write(json.dumps(rec) + "\n")
            out.flush()


def run(url, box, seconds, cap, log, tokens):
    box = [float(x) for x in box.split(",")]
    lock = threading.Lock()
    with open(log, "w") as out:
        ts = [threading.Thread(target=loop, args=(k, url, box, seconds, tok, cap, out, lock))
              for k, tok in enumerate(tokens)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()


def check(url, log):
    recs = [json.loads(l) for l in open(log)]
    cl = Client(url)
    status, body = cl.send("GET", f"/api/sites?operator={OPERATOR}")
    assert status == 200, f"GET /api/sites: HTTP {status}"
    served = {}
    for f in json.loads(body)["features"]:
        served[f["properties"]["id"]] = (f["geometry"]["coordinates"], f["properties"].get("radius_m"))
    expected, gone, refused, unknown = {}, set(), set(), set()
    for r in sorted(recs, key=lambda r: (r["loop"], r["n"])):
        if r["status"] == 200 and r["kind"] in ("single", "multi", "update"):
            expected.update(r["sites"])
        elif r["status"] == 200 and r["kind"] == "delete":
            for i in r["deleted"]:
                expected.pop(i, None)
                gone.add(i)
        elif r["status"] == 0:
            unknown.update(r.get("sites", {}))
            unknown.update(r.get("deleted", []))
        elif r["kind"].startswith("invalid:"):
            refused.update(r.get("refused_ids", []))
        else:
            # A valid change refused: whatever it was about is left out of the check, and the
            # wrong status is reported with the other statuses.
            unknown.update(r.get("sites", {}))
            unknown.update(r.get("deleted", []))
    missing = [i for i in expected if i not in served]
    wrong = [i for i, v in expected.items() if i in served and (
        abs(served[i][0][0] - v["lon"]) > 1e-9 or abs(served[i][0][1] - v["lat"]) > 1e-9
        or served[i][1] != v["radius_m"])]
    back = [i for i in gone - unknown if i in served]
    trace = [i for i in refused if i in served]
    ids = [r["upload_id"] for r in recs if "upload_id" in r]
    dup = len(ids) - len(set(ids))
    bad_ack = [r for r in recs if r.get("ack_ok") is False]
    print(f"check: {len(expected)} acknowledged sites expected, {len(missing)} missing, "
          f"{len(wrong)} with other values; {len(gone)} acknowledged deletes, {len(back)} still "
          f"served; {len(refused)} ids of refused uploads, {len(trace)} served; "
          f"{dup} duplicate upload ids; {len(bad_ack)} answers not listing their keys; "
          f"{len(unknown)} ids of unanswered uploads not checked")
    for name, l in (("missing", missing), ("other values", wrong), ("deleted but served", back),
                    ("refused but served", trace)):
        if l:
            print(f"check: {name}: {' '.join(sorted(l)[:20])}")
    return 0 if not (missing or wrong or back or trace or dup or bad_ack) else 1


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    run(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6:])
EOF

# --- the run ---------------------------------------------------------------------------------
: >"$work/rss.txt"
(
  start="$(date +%s.%N)"
  while kill -0 "$server" 2>/dev/null; do
    kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status" 2>/dev/null || true)"
    [ -n "$kb" ] && echo "$(echo "$(date +%s.%N) $start" | awk '{ printf "%.2f", $1 - $2 }') $kb" >>"$work/rss.txt"
    sleep 1
  done
) &
sampler=$!

echo "for $duration s: wrk -t$threads -c$connections --latency -s mixed.lua, and $uploaders upload loop(s)"
timeout $((duration + 120)) python3 "$work/uploads.py" "$url" "$bbox" "$duration" "$cap" \
  "$work/uploads.jsonl" "${tokens[@]}" 2>"$work/uploads.err" &
uploader=$!
wrk_rc=0
# wrk waits 45 s, past the server's own 30-s request timeout (a 503), so that what is counted
# is the server's answer; a wrk timeout means no answer at all.
BBOX="$bbox" THON_IDS="$thon_ids" MIXED_OUT="$work/mixed.txt" \
  timeout $((duration + 120)) wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 45s \
  --latency -s "$here/mixed.lua" "$url" >"$work/wrk.txt" 2>&1 || wrk_rc=$?
up_rc=0
wait "$uploader" || up_rc=$?
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=""
cat "$work/wrk.txt"
[ "$wrk_rc" = 0 ] || echo "wrk exited with $wrk_rc" >&2
if [ "$up_rc" != 0 ]; then
  echo "the upload loops exited with $up_rc:" >&2
  cat "$work/uploads.err" >&2
fi

# --- after the run ---------------------------------------------------------------------------
check_rc=0
timeout 120 python3 "$work/uploads.py" --check "$url" "$work/uploads.jsonl" >"$work/check.txt" 2>&1 ||
  check_rc=$?
health="$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' "$url/healthz" || true)"
errors_logged="$(grep -c -E 'ERROR|panicked' "$work/serve.err" || true)"
sed -i 's/\x1b\[[0-9;]*m//g' "$work/serve.err"

set +e
python3 - "$work/wrk.txt" "$work/mixed.txt" "$work/uploads.jsonl" "$work/rss.txt" "$work/check.txt" \
  "$data" "$duration" "$wrk_rc" "$up_rc" "$check_rc" "$health" "$errors_logged" "$work/serve.err" <<'EOF'
import json, re, statistics, sys
(wrk_f, mixed_f, up_f, rss_f, check_f, data, duration, wrk_rc, up_rc, check_rc, health,
 errors_logged, log_f) = sys.argv[1:]
duration = float(duration)
fail = []

wrk = open(wrk_f).read()
m = re.search(r"Requests/sec:\s+([\d.]+)", wrk)
rps = float(m.group(1)) if m else 0.0
pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", wrk, re.M))
try:
    mixed = open(mixed_f).read()
except OSError:
    mixed = ""
    fail.append("wrk's done() wrote no counts")
c = re.search(r"2xx (\d+) 3xx (\d+) 4xx (\d+) 5xx (\d+) other (\d+)", mixed)
r2, r3, r4, r5, ro = map(int, c.groups()) if c else (0, 0, 0, 0, 0)
e = re.search(r"errors connect (\d+) read (\d+) write (\d+) status (\d+) timeout (\d+)", mixed)
sock = dict(zip(("connect", "read", "write", "status", "timeout"), map(int, e.groups()))) if e else {}
print(f"\n=== {data}: {duration:.0f} s of mixed reads with uploads ===")
print(f"reads: {rps:,.0f} requests/s; latency p50 {pct.get('50')}, p75 {pct.get('75')}, "
      f"p90 {pct.get('90')}, p99 {pct.get('99')}")
print(f"reads by status: 2xx {r2}, 3xx {r3}, 4xx {r4}, 5xx {r5}, other {ro}; socket errors "
      + ", ".join(f"{k} {v}" for k, v in sock.items()))
sent = re.search(r"mixed sent: (.*)", mixed)
if sent:
    print(f"reads sent: {sent.group(1)}")
first5 = re.search(r"mixed first 5xx: (.*)", mixed)
if r5:
    fail.append(f"{r5} reads answered 5xx" + (f" (first: {first5.group(1)})" if first5 else ""))
if r4 or ro or r3:
    fail.append(f"{r4} reads answered 4xx, {r3} 3xx, {ro} other (every read asked is valid)")
if any(sock.get(k) for k in ("connect", "read", "write", "timeout")):
    fail.append(f"wrk socket errors: {sock}")
if wrk_rc != "0":
    fail.append(f"wrk exited with {wrk_rc}")

recs = [json.loads(l) for l in open(up_f)] if up_f else []
def cls(s):
    return "none" if s == 0 else f"{s // 100}xx"
def q(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))] if xs else float("nan")
valid = [r for r in recs if not r["kind"].startswith("invalid:")]
invalid = [r for r in recs if r["kind"].startswith("invalid:")]
ok = [r for r in recs if r["status"] == 200]
by = {}
for r in recs:
    by[cls(r["status"])] = by.get(cls(r["status"]), 0) + 1
kinds = {}
for r in recs:
    kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
nsites = sum(len(r.get("sites", {})) for r in ok if r["kind"] in ("single", "multi"))
print(f"uploads: {len(recs)} in {duration:.0f} s ({len(recs) / duration:.1f}/s): "
      + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
print(f"  200s: {len(ok)} ({sum(1 for r in ok if r['kind'] == 'single')} single-site, "
      f"{sum(1 for r in ok if r['kind'] == 'multi')} multi-site, "
      f"{sum(1 for r in ok if r['kind'] == 'update')} updates of "
      f"{sum(len(r['sites']) for r in ok if r['kind'] == 'update')} sites, "
      f"{sum(1 for r in ok if r['kind'] == 'delete')} deletes; {nsites} sites added); "
      f"time median {statistics.median([r['s'] for r in ok]) * 1000:.0f} ms, "
      f"p99 {q([r['s'] for r in ok], 0.99) * 1000:.0f} ms, max {max(r['s'] for r in ok) * 1000:.0f} ms"
      if ok else "  no upload answered 200")
if invalid:
    print(f"  invalid: {len(invalid)} ("
          + ", ".join(f"{k.split(':')[1]} {v}" for k, v in sorted(kinds.items()) if k.startswith("invalid:"))
          + f"); time median {statistics.median([r['s'] for r in invalid]) * 1000:.0f} ms, "
          f"p99 {q([r['s'] for r in invalid], 0.99) * 1000:.0f} ms")
wrong = [r for r in recs if r["status"] != r["expect"]]
for r in wrong[:10]:
    print(f"  unexpected: loop {r['loop']} #{r['n']} {r['kind']} at {r['t']} s: HTTP {r['status']} "
          f"(expected {r['expect']}) {r.get('body', '')[:200]}")
if by.get("5xx"):
    fail.append(f"{by['5xx']} uploads answered 5xx")
if wrong:
    fail.append(f"{len(wrong)} uploads got another status than expected "
                f"({sum(1 for r in wrong if r['status'] == 0)} of them no answer)")
if not ok:
    fail.append("no upload was acknowledged")
if up_rc != "0":
    fail.append(f"the upload loops exited with {up_rc}")

check = open(check_f).read().strip()
print(check)
if check_rc != "0":
    fail.append("acknowledged changes not served as acknowledged (see check above)")

rss = [tuple(map(float, l.split())) for l in open(rss_f) if l.strip()]
mib = lambda kb: kb / 1024
if len(rss) < 40:
    fail.append(f"only {len(rss)} RSS samples")
else:
    t_end = rss[-1][0]
    last = [k for t, k in rss if t > t_end - 20]
    before = [k for t, k in rss if t_end - 40 < t <= t_end - 20]
    tail = [(t, k) for t, k in rss if t > t_end - 40]
    n = len(tail)
    mt = sum(t for t, _ in tail) / n
    mk = sum(k for _, k in tail) / n
    slope = sum((t - mt) * (k - mk) for t, k in tail) / sum((t - mt) ** 2 for t, _ in tail)
    ratio = statistics.mean(last) / statistics.mean(before)
    flat = ratio <= 1.10
    print(f"server RSS: start {mib(rss[0][1]):.0f} MiB, max {mib(max(k for _, k in rss)):.0f} MiB, "
          f"end {mib(rss[-1][1]):.0f} MiB ({len(rss)} samples); last 40 s slope "
          f"{mib(slope) * 60:+.1f} MiB/min; mean of the last 20 s {mib(statistics.mean(last)):.0f} MiB "
          f"= {ratio:.3f} × the 20 s before ({mib(statistics.mean(before)):.0f} MiB): "
          + ("flat" if flat else "GROWING"))
    if not flat:
        fail.append(f"memory not flat: last 20 s mean {ratio:.3f} × the 20 s before (limit 1.10)")
# Time in the server (from the request's headers to its answer's), per endpoint, from the log.
def endpoint(method, uri):
    path, _, query = uri.partition("?")
    if path == "/api/gaps":
        path += " (thon)" if "thon=" in query else " (bbox)" if "bbox=" in query else " (all)"
    elif path.startswith("/api/thon/"):
        path = "/api/thon/{id}"
    elif re.match(r"/api/(sites|fiber)/[^/]+/", path):
        path = re.sub(r"^(/api/\w+)/.*", r"\1/{operator}/{id}", path)
    elif path in ("/api/sites", "/api/fiber") and method == "GET":
        path += " (bbox)" if "bbox=" in query else " (all)"
    return f"{method} {path}"
times, s5 = {}, {}
for line in open(log_f, errors="replace"):
    m = re.search(r"request\{method=(\S+) uri=(\S+) .*finished processing request latency=(\d+) ms status=(\d+)", line)
    if m:
        k = endpoint(m.group(1), m.group(2))
        times.setdefault(k, []).append(int(m.group(3)))
        if m.group(4).startswith("5"):
            s5.setdefault(k, []).append(m.group(2))
print("time in the server per endpoint, ms (from its log):")
for k, v in sorted(times.items(), key=lambda kv: -len(kv[1])):
    print(f"  {k:34s} n {len(v):6d}  p50 {q(v, 0.5):6d}  p99 {q(v, 0.99):6d}  max {max(v):6d}"
          + (f"  5xx {len(s5[k])}" if k in s5 else ""))
for k, uris in s5.items():
    print(f"  5xx on {k}: {' '.join(uris[:5])}")
print(f"after the run: /healthz {health}; {errors_logged} ERROR or panic line(s) in the server log")
if health != "200":
    fail.append(f"/healthz answered {health} after the run")
if errors_logged != "0":
    fail.append(f"{errors_logged} ERROR/panic lines in the server log")
if fail:
    print("FAIL: " + "; ".join(fail))
    sys.exit(1)
print("PASS: no 5xx, every acknowledged upload served, memory flat")
EOF
rc=$?
set -e
if [ "$errors_logged" != 0 ]; then
  echo "server log, ERROR/panic lines (first 10):"
  grep -E 'ERROR|panicked' "$work/serve.err" | head -n 10
fi
exit "$rc"
