#!/usr/bin/env python3
"""Ground truth for one thôn of the disagreement cases in scripts/bench/cases/, independent of
both polygon engines: the covered fraction of the thôn by random points tested against the
disc model itself (distance ≤ r and bearing within ±beamwidth/2 of a sector; fiber: distance
to the route ≤ max_drop_m). Plain Python, no dependencies.

Usage: montecarlo.py CASE.json [POINTS]        (default 100,000 points inside the thôn)
"""

import json
import math
import random
import sys


def inside(rings, x, y):
    """Even-odd test over every ring of a (multi)polygon: holes count out."""
    c = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                c = not c
    return c


def segment_distance(x, y, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy) if dx or dy else 0.0
    t = max(0.0, min(1.0, t))
    return math.hypot(x - a[0] - t * dx, y - a[1] - t * dy)


def covered(case, x, y):
    for t in case["tx"]:
        dx, dy = x - t["x"], y - t["y"]
        if dx * dx + dy * dy > t["r"] ** 2:
            continue
        if t["omni"] or (dx == 0 and dy == 0):
            return True
        bearing = math.degrees(math.atan2(dx, dy)) % 360
        for az, bw in t["sectors"]:
            a = (bearing - az) % 360
            if min(a, 360 - a) <= bw / 2:
                return True
    for f in case["fiber"]:
        for line in f["geom"]["coordinates"]:
            if any(segment_distance(x, y, a, b) <= f["drop"] for a, b in zip(line, line[1:])):
                return True
    return False


def main(path, n):
    case = json.load(open(path, encoding="utf-8"))
    rings = [r for poly in case["thon"]["coordinates"] for r in poly]
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    rng = random.Random(1)
    hits = tried = 0
    for _ in range(100 * n):  # bounded: a thôn fills far more than 1 % of its box
        if tried == n:
            break
        x, y = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if inside(rings, x, y):
            tried += 1
            hits += covered(case, x, y)
    p = hits / tried
    print(f"{case.get('about', path)}\nMonte Carlo, {tried} points: covered fraction "
          f"{p:.4f} ± {1.96 * math.sqrt(p * (1 - p) / tried):.4f} (95 %)")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 100_000)
