#!/usr/bin/env python3
"""Prints the routing tables of docs/benchmarks.md from the files inprocess.sh and pgrouting.sh leave in .bench/routing."""
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2] / ".bench" / "routing")
cities = ["monaco", "andorra", "porto", "munchen", "malta-latest", "grid-250"]


def load(name):
    path = out / f"{name}.json"
    return {f["name"]: f["value"] for f in json.loads(path.read_text())} if path.exists() else None


runs = {c: load(c) for c in cities}
runs = {c: r for c, r in runs.items() if r}
names = []
for r in runs.values():
    for n in r:
        if n not in names:
            names.append(n)
units = {}
for c in runs:
    for f in json.loads((out / f"{c}.json").read_text()):
        units[f["name"]] = f["unit"]


def fmt(v):
    if v == "":
        return ""
    if abs(v) >= 1000 or float(v).is_integer():
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}"


print("| figure | " + " | ".join(runs) + " |")
print("|---|" + "---:|" * len(runs))
for n in names:
    unit = f" ({units[n]})" if units.get(n) else ""
    print(f"| {n}{unit} | " + " | ".join(fmt(runs[c].get(n, "")) for c in runs) + " |")

print()
print("| grid | nodes | arcs | import (s) | retained graph (MiB) | peak working set (MiB) |")
print("|---|---:|---:|---:|---:|---:|")
for side in (250, 500, 1000):
    r = load(f"grid-{side}-import")
    if r:
        print(f"| {side}×{side} | {r['nodes']:,.0f} | {r['arcs']:,.0f} | {r['import']:.2f} | {r['graph memory']:.0f} | {r['peak working set']:.0f} |")

print()
print("| city | pgRouting vertices / edges | pairs (found) | pgr_dijkstra p50 / p99 (ms) | CCH p50 / p99 (ms) | speed-up at p50 |")
print("|---|---:|---:|---:|---:|---:|")
for city in ("porto", "malta-latest"):
    p = out / f"{city}.pgrouting.txt"
    r = runs.get(city)
    if not p.exists() or not r:
        continue
    f = dict(kv.split("=", 1) for kv in p.read_text().split())
    vertices, edges, pairs, found, p50, p99 = f["vertices"], f["edges"], f["pairs"], f["found"], float(f["p50_ms"]), float(f["p99_ms"])
    cch50, cch99 = r["CCH query with route geometry p50"], r["CCH query with route geometry p99"]
    print(f"| {city} | {int(vertices):,} / {int(edges):,} | {pairs} ({found}) | {p50:.1f} / {p99:.1f} | {cch50:.3f} / {cch99:.3f} | {p50 / cch50:,.0f}× |")
