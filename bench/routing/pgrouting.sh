#!/usr/bin/env bash
# The pgRouting baseline for docs/benchmarks.md: imports each city with osm2pgrouting (car configuration) into a
# throw-away PostgreSQL 15 + PostGIS + pgRouting started here on loopback, then times pgr_dijkstra on the same
# pairs that 'vigil route bench --pairs-out' wrote (run bench/routing/inprocess.sh first), each pair snapped to its
# nearest pgRouting vertex. PostgreSQL is stopped again on exit.
# Usage: bench/routing/pgrouting.sh [pairs-per-city] [city ...]   (default: 200 pairs, malta-latest and porto)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${VIGIL_DATA:-$root/../shared/data}"
out="$root/.bench/routing"
pairs="${1:-200}"
shift || true
cities=("$@")
[ ${#cities[@]} -eq 0 ] && cities=(malta-latest porto)
port="${PGROUTING_PORT:-55433}"

if ! command -v osm2pgrouting >/dev/null || ! command -v osmium >/dev/null || [ ! -x /usr/lib/postgresql/15/bin/initdb ] \
   || [ ! -e /usr/share/postgresql/15/extension/pgrouting.control ]; then
  apt-get install -y --no-install-recommends postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting osm2pgrouting osmium-tool >/dev/null
fi

run="$(mktemp -d /tmp/vigil-pgrouting.XXXXXX)"
chmod 755 "$run"
install -d -o postgres -g postgres "$run/pg"
pgbin=/usr/lib/postgresql/15/bin
stop() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$run/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$run"
}
trap stop EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$run/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# fsync off: the benchmark measures queries, not durability.
runuser -u postgres -- "$pgbin/pg_ctl" -D "$run/pg/data" -l "$run/pg/server.log" -w -t 60 \
  -o "-p $port -k $run/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
pg_isready -h 127.0.0.1 -p "$port" -U postgres -t 30 >/dev/null
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

for city in "${cities[@]}"; do
  csv="$out/$city.pairs.csv"
  [ -f "$csv" ] || { echo "missing $csv: run bench/routing/inprocess.sh first" >&2; exit 2; }
  db="bench_${city//-/_}"
  psql_ -c "CREATE DATABASE $db"
  psql_ -d "$db" -c "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;"
  osmium cat "$data/osm/$city.osm.pbf" -o "$run/$city.osm" --overwrite
  start=$(date +%s.%N)
  osm2pgrouting -f "$run/$city.osm" -c /usr/share/osm2pgrouting/mapconfig_for_cars.xml -d "$db" -U postgres -h 127.0.0.1 -p "$port" --clean >"$run/$city.import.log" 2>&1
  import_s=$(echo "$(date +%s.%N) - $start" | bc)
  rm -f "$run/$city.osm"
  head -n $((pairs + 1)) "$csv" > "$run/pairs.csv"
  psql_ -d "$db" <<SQL
CREATE TABLE pairs (id serial, from_lat float8, from_lon float8, to_lat float8, to_lon float8, cch_ms int);
\copy pairs (from_lat, from_lon, to_lat, to_lon, cch_ms) FROM '$run/pairs.csv' WITH (FORMAT csv, HEADER true)
ALTER TABLE pairs ADD source bigint, ADD target bigint;
UPDATE pairs p SET
  source = (SELECT id FROM ways_vertices_pgr v ORDER BY v.the_geom <-> ST_SetSRID(ST_MakePoint(p.from_lon, p.from_lat), 4326) LIMIT 1),
  target = (SELECT id FROM ways_vertices_pgr v ORDER BY v.the_geom <-> ST_SetSRID(ST_MakePoint(p.to_lon, p.to_lat), 4326) LIMIT 1);
CREATE TABLE timings (id int, ms float8, found bool);
-- One pgr_dijkstra call per pair, timed inside the server (no client round trip), as an application would call it.
DO \$\$
DECLARE r record; t0 timestamptz; n int;
BEGIN
  FOR r IN SELECT id, source, target FROM pairs ORDER BY id LOOP
    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM pgr_dijkstra(
      'SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ways', r.source, r.target, directed := true);
    INSERT INTO timings VALUES (r.id, extract(epoch FROM clock_timestamp() - t0) * 1000, n > 0);
  END LOOP;
END \$\$;
SQL
  stats=$(psql_ -d "$db" -c "SELECT count(*), sum(found::int), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2) FROM timings")
  size=$(psql_ -d "$db" -c "SELECT (SELECT count(*) FROM ways_vertices_pgr) || '|' || (SELECT count(*) FROM ways)")
  IFS='|' read -r n found p50 p99 <<< "$stats"
  IFS='|' read -r vertices edges <<< "$size"
  echo "city=$city import_s=$import_s vertices=$vertices edges=$edges pairs=$n found=$found p50_ms=$p50 p99_ms=$p99" | tee "$out/$city.pgrouting.txt"
  psql_ -c "DROP DATABASE $db"
done
