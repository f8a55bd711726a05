#!/usr/bin/env bash
# In-process routing figures for docs/benchmarks.md: one 'vigil route bench' run per shared city, then the synthetic
# 1,000,000-node grid for import growth. Usage: bench/routing/inprocess.sh [out-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${VIGIL_DATA:-$root/../shared/data}"
out="${1:-$root/.bench/routing}"
mkdir -p "$out"
dotnet build "$root/src/Vigil.Cli" -c Release -v q -nologo >/dev/null
vigil="$root/src/Vigil.Cli/bin/Release/net10.0/vigil"
for city in monaco andorra porto munchen malta-latest; do
  echo "== $city" >&2
  "$vigil" route bench --pbf "$data/osm/$city.osm.pbf" --queries 10000 --dijkstra 200 --units 1000 --rankings 200 \
    --pairs-out "$out/$city.pairs.csv" --json > "$out/$city.json"
done
# Grids are the worst case for nested dissection (separators grow as the square root of the size, where real road
# networks have small ones), so only the smallest is preprocessed; the larger ones measure import growth.
echo "== grid 250x250" >&2
"$vigil" route bench --grid 250 --queries 2000 --dijkstra 20 --units 1000 --rankings 50 --json > "$out/grid-250.json"
for side in ${GRID_SIDES:-250 500 1000}; do
  echo "== grid ${side}x${side} import" >&2
  "$vigil" route bench --grid "$side" --import-only --json > "$out/grid-$side-import.json"
done
