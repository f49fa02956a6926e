#!/usr/bin/env python3
"""Checks phusong's disc figures (stats.json) against PostGIS's (the CSV of edge.sql's view).

Agreement, per thôn and measure:
  - area fractions within TOL_PP percentage points;
  - covered households equal, except for households within 1 m of a footprint's edge (the
    CSV's edge_households): |phusong - PostGIS| must not exceed that count;
  - household totals per thôn equal (both give a border household to the first thôn).
Prints the worst differences and exits 1 on any disagreement, 2 on unusable input.

Usage: compare.py stats.json postgis.csv
"""

import csv
import json
import sys

TOL_PP = 0.5
MEASURES = ("4G", "5G", "mobile", "fiber", "fiber_1g")
WORST = 5


def main(stats_path, csv_path):
    with open(stats_path, encoding="utf-8") as f:
        stats = json.load(f)
    if stats.get("model") != "disc":
        print(f"{stats_path}: model is {stats.get('model')!r}, not disc", file=sys.stderr)
        return 2
    pg = {}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            pg[(int(row["fid"]), row["measure"])] = row
    thon = stats["thon"]
    n_pg = len({fid for fid, _ in pg})
    if n_pg != len(thon):
        print(f"thôn: phusong has {len(thon)}, PostGIS {n_pg}", file=sys.stderr)
        return 2

    failures = []
    area_diffs = {m: [] for m in MEASURES}
    hh_diffs = {m: [] for m in MEASURES}
    edge_total = {m: 0 for m in MEASURES}
    area_rel = []
    for fid, t in enumerate(thon):
        for m in MEASURES:
            row = pg.get((fid, m))
            if row is None:
                failures.append(f"thôn {t['id']}: no PostGIS row for {m}")
                continue
            if row["id"] != str(t["id"]):
                failures.append(f"thôn #{fid}: id {t['id']!r} in phusong, {row['id']!r} in PostGIS")
            area_pg = float(row["thon_area_m2"])
            frac_pg = min(max(float(row["covered_m2"]) / area_pg, 0.0), 1.0) if area_pg > 0 else 0.0
            fig = t["coverage"][m]
            d_pp = 100.0 * (fig["area_fraction"] - frac_pg)
            area_diffs[m].append((abs(d_pp), d_pp, t["id"], fig["area_fraction"], frac_pg))
            if abs(d_pp) > TOL_PP:
                failures.append(
                    f"thôn {t['id']} {m}: area fraction {fig['area_fraction']:.5f} (phusong) vs "
                    f"{frac_pg:.5f} (PostGIS), {d_pp:+.3f} pp")
            h_ph, h_pg = fig["households"], int(row["covered_households"])
            edge = int(row["edge_households"])
            edge_total[m] += edge
            hh_diffs[m].append((abs(h_ph - h_pg), h_ph - h_pg, edge, t["id"], h_ph, h_pg))
            if abs(h_ph - h_pg) > edge:
                failures.append(
                    f"thôn {t['id']} {m}: {h_ph} households covered (phusong) vs {h_pg} "
                    f"(PostGIS); only {edge} lie within 1 m of an edge")
            if m == MEASURES[0]:
                area_rel.append(abs(t["area_m2"] - area_pg) / area_pg if area_pg else 0.0)
                if t["households"] != int(row["households"]):
                    failures.append(
                        f"thôn {t['id']}: {t['households']} households (phusong) vs "
                        f"{row['households']} (PostGIS)")

    print(f"compared {len(thon)} thôn × {len(MEASURES)} measures "
          f"(tolerance {TOL_PP} pp on area fractions; households exact but for edge ones)")
    print(f"thôn areas: largest relative difference {max(area_rel, default=0):.2e}")
    for m in MEASURES:
        worst_a = sorted(area_diffs[m], reverse=True)[:WORST]
        worst_h = sorted(hh_diffs[m], reverse=True)[:WORST]
        mean_a = sum(a for a, *_ in area_diffs[m]) / max(len(area_diffs[m]), 1)
        differing = sum(1 for d, *_ in hh_diffs[m] if d)
        print(f"{m:8} area: max |Δ| {worst_a[0][0] if worst_a else 0:.4f} pp, "
              f"mean |Δ| {mean_a:.5f} pp; households: {differing} thôn differ, "
              f"{edge_total[m]} edge households in all")
        for a, d, tid, f_ph, f_pg in worst_a:
            if a > 0.001:
                print(f"    area  {tid}: phusong {f_ph:.5f} PostGIS {f_pg:.5f} ({d:+.4f} pp)")
        for a, d, edge, tid, h_ph, h_pg in worst_h:
            if a > 0:
                print(f"    hh    {tid}: phusong {h_ph} PostGIS {h_pg} ({d:+d}; {edge} at an edge)")
    if failures:
        print(f"DISAGREEMENT: {len(failures)} problems; the first ones:")
        for line in failures[:20]:
            print("  " + line)
        return 1
    print("agreement: every thôn within tolerance")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
