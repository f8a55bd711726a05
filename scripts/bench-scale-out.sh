#!/usr/bin/env bash
# The scale-out benchmark, side by side in one run: the load harness against
#   1. one node on the embedded SQLite file,
#   2. one node on PostgreSQL + RabbitMQ,
#   3. two nodes on PostgreSQL + RabbitMQ (devices split between them),
#   4. the same two nodes fed through RabbitMQ's MQTT plugin (mosquitto_pub, QoS 1).
# Needs a PostgreSQL 15 + PostGIS server (VIGIL_BENCH_POSTGRES, an Npgsql-style postgres:// URL of a server where a
# throw-away database may be created; default postgres://postgres@127.0.0.1:55433/postgres), RabbitMQ 3.10 with the
# MQTT plugin (scripts/rabbitmq-node.sh) and mosquitto-clients. Builds the CLI and the harness first. Everything it
# starts (nodes, broker, database) is stopped or dropped on exit. VIGIL_BENCH_NO_BUILD=1 skips the build.
#
#   scripts/bench-scale-out.sh [DURATION_S=10] [HTTP_DEVICES=200] [MQTT_DEVICES=16] [MQTT_RATE=40000]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
http_devices=${2:-200}
mqtt_devices=${3:-16}
mqtt_rate=${4:-40000} # MQTT is paced: mosquitto_pub queues whatever it is given
pg=${VIGIL_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:55433/postgres}
pg_server=${pg%/*}
db=vigil_bench_$$
work=$(mktemp -d /tmp/vigil-bench-XXXXXX)
export VIGIL_RABBIT_PORT_BASE=${VIGIL_RABBIT_PORT_BASE:-46820}
read -r amqp_port mqtt_port < <(scripts/rabbitmq-node.sh ports 1)
port_sqlite=18690 port_a=18691 port_b=18692
password='Bench-pass-123!'
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  scripts/rabbitmq-node.sh stop-all "$work/rabbit" >/dev/null 2>&1 || true
  psql "$pg" -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${VIGIL_BENCH_NO_BUILD:-}" ]; then # set it when both are already built in Release
  dotnet build src/Vigil.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/Vigil.LoadHarness -c Release -v q -nologo >/dev/null
fi
vigil=src/Vigil.Cli/bin/Release/net10.0/vigil.dll
harness=bench/Vigil.LoadHarness/bin/Release/net10.0/vigil-load.dll

psql "$pg" -q -c "CREATE DATABASE $db"
psql "$pg_server/$db" -q -c "CREATE EXTENSION postgis"
VIGIL_RABBIT_AUTH_HTTP=http://127.0.0.1:$port_a/api/v1/broker/auth scripts/rabbitmq-node.sh start "$work/rabbit" 1 >/dev/null

serve() { # PORT NAME [serve options...]
  local port=$1 name=$2
  shift 2
  VIGIL_ADMIN_PASSWORD=$password Logging__LogLevel__Default=Warning \
    dotnet "$vigil" serve --urls "http://127.0.0.1:$port" --data-dir "$work/$name" "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "node $name did not get ready; its log:" >&2
  cat "$work/$name.log" >&2
  return 1
}

load() { # TITLE URLS [harness options...]
  local title=$1 urls=$2
  shift 2
  echo "== $title (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  dotnet "$harness" --url "$urls" --admin-password "$password" --batch 500 --connections 16 \
    --duration "$duration" --warmup 3 "$@" 2>/dev/null
}

scaled=(--storage "$pg_server/$db" --bus "amqp://guest:guest@127.0.0.1:$amqp_port/")
serve $port_sqlite sqlite
load "1 node, SQLite" "http://127.0.0.1:$port_sqlite" --devices "$http_devices"
serve $port_a node-a "${scaled[@]}"
load "1 node, PostgreSQL + RabbitMQ" "http://127.0.0.1:$port_a" --devices "$http_devices"
serve $port_b node-b "${scaled[@]}"
sleep 5 # the second node takes over half the partitions
load "2 nodes, PostgreSQL + RabbitMQ" "http://127.0.0.1:$port_a,http://127.0.0.1:$port_b" --devices "$http_devices"
load "2 nodes, MQTT (QoS 1) into RabbitMQ" "http://127.0.0.1:$port_a,http://127.0.0.1:$port_b" --devices "$mqtt_devices" \
  --mqtt "127.0.0.1:$mqtt_port" --rate "$mqtt_rate"
