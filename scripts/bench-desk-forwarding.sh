#!/usr/bin/env bash
# Operator-command latency with two nodes: acknowledging an alarm on the node that holds the operations desk (direct)
# against acknowledging one on the other node (forwarded over RabbitMQ to the desk and answered back).
#   1. starts a throw-away PostgreSQL database with PostGIS, one RabbitMQ 3.10 node and two `vigil serve` nodes
#      (A first, so A holds the desk);
#   2. registers 2*N acoustic devices and raises one gunshot alarm on each;
#   3. acknowledges them one at a time as an operator, alternating A (direct) and B (forwarded), N each, timing each
#      HTTP request from the client (keep-alive connections, so no connection set-up is counted);
#   4. prints p50/p95/p99 of both, and stops and drops everything on exit.
# Needs VIGIL_BENCH_POSTGRES (default postgres://postgres@127.0.0.1:55433/postgres) and python3. Builds the CLI first
# unless VIGIL_BENCH_NO_BUILD=1.
#
#   scripts/bench-desk-forwarding.sh [N=200]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200}
pg=${VIGIL_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:55433/postgres}
pg_server=${pg%/*}
db=vigil_desk_bench_$$
work=$(mktemp -d /tmp/vigil-desk-bench-XXXXXX)
export VIGIL_RABBIT_PORT_BASE=${VIGIL_RABBIT_PORT_BASE:-46920}
read -r amqp_port _ < <(scripts/rabbitmq-node.sh ports 1)
port_a=${VIGIL_BENCH_PORT_A:-18791} port_b=${VIGIL_BENCH_PORT_B:-18792}
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

if [ -z "${VIGIL_BENCH_NO_BUILD:-}" ]; then
  dotnet build src/Vigil.Cli -c Release -v q -nologo >/dev/null
fi
vigil=src/Vigil.Cli/bin/Release/net10.0/vigil.dll

psql "$pg" -q -c "CREATE DATABASE $db"
psql "$pg_server/$db" -q -c "CREATE EXTENSION postgis"
scripts/rabbitmq-node.sh start "$work/rabbit" 1 >/dev/null

serve() { # PORT NAME
  local port=$1 name=$2
  VIGIL_ADMIN_PASSWORD=$password Logging__LogLevel__Default=Warning VIGIL_Vigil__Bus__NodeId=$name \
    dotnet "$vigil" serve --urls "http://127.0.0.1:$port" --data-dir "$work/data" \
    --storage "$pg_server/$db" --bus "amqp://guest:guest@127.0.0.1:$amqp_port/" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "node $name did not get ready; its log:" >&2
  cat "$work/$name.log" >&2
  return 1
}

serve "$port_a" node-a
sleep 3 # A takes the desk lease within a second of being ready
serve "$port_b" node-b
echo "== $count direct and $count forwarded acknowledges (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$count" "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" "$password" <<'PY'
import http.client, json, sys, time, urllib.parse, uuid, datetime

count, url_a, url_b, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

class Node:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    def call(self, method, path, body=None, headers=None):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        self.conn.request(method, path, None if body is None else json.dumps(body), h)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data else None)

a, b = Node(url_a), Node(url_b)
status, login = a.call("POST", "/api/v1/auth/login", {"userName": "admin", "password": password})
admin = {"Authorization": "Bearer " + login["token"]}
status, _ = a.call("POST", "/api/v1/users", {"userName": "bench-op", "displayName": "Bench operator", "role": "Operator", "password": password}, admin)
status, login = a.call("POST", "/api/v1/auth/login", {"userName": "bench-op", "password": password})
op = {"Authorization": "Bearer " + login["token"]}

devices = []
for i in range(2 * count):
    device_id = f"acoustic-bench-{i}"
    status, body = a.call("POST", "/api/v1/devices", {
        "id": device_id, "name": device_id, "kind": "Acoustic", "agencyId": "city",
        "location": {"lat": 45.50 + (i // 40) * 0.01, "lon": -122.70 + (i % 40) * 0.01},
        "quantities": [{"name": "impulse_db", "unit": "dB"}]}, admin)
    assert status == 201, (status, body)
    devices.append((device_id, body["apiKey"]))

now = datetime.datetime.now(datetime.timezone.utc)
for device_id, key in devices:
    status, body = a.call("POST", "/api/v1/observations", {"batchId": device_id + "-shot", "observations": [
        {"quantity": "impulse_db", "time": (now - datetime.timedelta(seconds=2)).isoformat(), "value": 60.0},
        {"quantity": "impulse_db", "time": (now - datetime.timedelta(seconds=1)).isoformat(), "value": 141.5}]}, {"X-Api-Key": key})
    assert status == 202, (status, body)

deadline = time.time() + 120
while True:
    status, alarms = a.call("GET", "/api/v1/alarms?state=Active&limit=1000", None, op)
    ids = sorted(x["id"] for x in alarms if x["deviceId"].startswith("acoustic-bench-"))
    if len(ids) >= 2 * count or time.time() > deadline:
        break
    time.sleep(0.5)
assert len(ids) >= 2 * count, f"only {len(ids)} alarms raised"

timings = {"direct (node A, holds the desk)": [], "forwarded (node B over RabbitMQ)": []}
names = list(timings)
for n, alarm_id in enumerate(ids[: 2 * count]):
    node, name = (a, names[0]) if n % 2 == 0 else (b, names[1])
    start = time.perf_counter()
    status, body = node.call("POST", f"/api/v1/alarms/{alarm_id}/acknowledge", None, op)
    elapsed = (time.perf_counter() - start) * 1000
    assert status == 200 and body["acknowledgedBy"] == "bench-op", (status, body)
    timings[name].append(elapsed)

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

print(f"{'path':<36} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for name, values in timings.items():
    print(f"{name:<36} {len(values):>4} {pct(values, 50):>8.1f} {pct(values, 95):>8.1f} {pct(values, 99):>8.1f} {max(values):>8.1f}")
PY
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
