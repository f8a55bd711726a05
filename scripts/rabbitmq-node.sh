#!/usr/bin/env bash
# Starts and stops throw-away RabbitMQ 3.10 nodes on loopback, for tests, benchmarks and local clusters.
#
#   scripts/rabbitmq-node.sh start DIR N [SIZE]   start node N (1-based) of a SIZE-node cluster, state under DIR/nodeN
#   scripts/rabbitmq-node.sh stop DIR N           graceful stop (SIGTERM; SIGKILL after 20 s)
#   scripts/rabbitmq-node.sh kill DIR N           SIGKILL at once (crash tests)
#   scripts/rabbitmq-node.sh stop-all DIR         stop every node started under DIR, and their epmd
#   scripts/rabbitmq-node.sh ports N              print "AMQP MQTT" ports of node N
#
# Ports come from VIGIL_RABBIT_PORT_BASE (default 56720): node N listens for AMQP on BASE+N-1, MQTT on BASE+100+N-1,
# Erlang distribution on BASE+200+N-1, and the nodes of one DIR share an epmd on BASE+300, started here so that its
# PID is known and it stops with the nodes. Idempotent: starting a running node or stopping a stopped one does
# nothing. Everything binds to 127.0.0.1. A restarted node keeps its state (queues, messages) from DIR/nodeN.
#
# Options from the environment:
#   VIGIL_RABBIT_AUTH_HTTP=http://127.0.0.1:PORT/api/v1/broker/auth  authenticate MQTT devices against Vigil
#     (rabbitmq_auth_backend_http, after the internal database so that the guest account still works for AMQP).
# The facts this relies on (paths, variables, readiness, stop timings) are in the project's services notes.
set -euo pipefail

bin=/usr/lib/rabbitmq/bin
base=${VIGIL_RABBIT_PORT_BASE:-56720}
cmd=${1:?usage: rabbitmq-node.sh start|stop|kill|stop-all|ports ...}

ports() { echo "$((base + $1 - 1)) $((base + 100 + $1 - 1))"; }

node_env() {
  local dir=$1 n=$2
  node_dir="$dir/node$n"
  name="rabbit${n}_${base}@localhost"
  export HOME="$dir/home" ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$((base + 300))
  export RABBITMQ_NODENAME="$name" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$((base + n - 1)) RABBITMQ_DIST_PORT=$((base + 200 + n - 1))
  export RABBITMQ_MNESIA_BASE="$node_dir/mnesia" RABBITMQ_LOG_BASE="$node_dir/log" RABBITMQ_PID_FILE="$node_dir/rabbit.pid"
  export RABBITMQ_CONFIG_FILE="$node_dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$node_dir/enabled_plugins"
  export RABBITMQ_CONF_ENV_FILE="$node_dir/rabbitmq-env.conf"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

running() { [ -f "$node_dir/server.pid" ] && kill -0 "$(cat "$node_dir/server.pid")" 2>/dev/null; }

start_epmd() {
  local dir=$1
  if [ -f "$dir/epmd.pid" ] && kill -0 "$(cat "$dir/epmd.pid")" 2>/dev/null; then
    return 0
  fi
  nohup setsid epmd -address 127.0.0.1 -port "$ERL_EPMD_PORT" >"$dir/epmd.log" 2>&1 &
  echo $! >"$dir/epmd.pid"
  sleep 0.2
}

start() {
  local dir=$1 n=$2 size=${3:-1}
  [ -x "$bin/rabbitmq-server" ] || { echo "rabbitmq-node: rabbitmq-server is not installed" >&2; return 2; }
  mkdir -p "$dir/home"
  dir=$(cd "$dir" && pwd)
  node_env "$dir" "$n"
  if running; then
    return 0
  fi
  mkdir -p "$node_dir/log" "$node_dir/mnesia"
  # One cookie for every node of the directory, written before any node starts so that they agree.
  if [ ! -f "$HOME/.erlang.cookie" ]; then
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$HOME/.erlang.cookie")
    chmod 400 "$HOME/.erlang.cookie"
  fi
  : >"$RABBITMQ_CONF_ENV_FILE"
  local plugins="rabbitmq_mqtt,rabbitmq_consistent_hash_exchange"
  [ -n "${VIGIL_RABBIT_AUTH_HTTP:-}" ] && plugins="$plugins,rabbitmq_auth_backend_http"
  echo "[$plugins]." >"$RABBITMQ_ENABLED_PLUGINS_FILE"
  {
    echo "listeners.tcp.1 = 127.0.0.1:$RABBITMQ_NODE_PORT"
    echo "mqtt.listeners.tcp.1 = 127.0.0.1:$((base + 100 + n - 1))"
    echo "log.file.level = warning"
    if [ -n "${VIGIL_RABBIT_AUTH_HTTP:-}" ]; then
      local auth=${VIGIL_RABBIT_AUTH_HTTP%/}
      echo "mqtt.allow_anonymous = false"
      echo "auth_backends.1 = internal"
      echo "auth_backends.2 = http"
      echo "auth_http.http_method = post"
      echo "auth_http.user_path = $auth/user"
      echo "auth_http.vhost_path = $auth/vhost"
      echo "auth_http.resource_path = $auth/resource"
      echo "auth_http.topic_path = $auth/topic"
    fi
    if [ "$size" -gt 1 ]; then
      echo "cluster_formation.peer_discovery_backend = classic_config"
      for i in $(seq 1 "$size"); do
        echo "cluster_formation.classic_config.nodes.$i = rabbit${i}_${base}@localhost"
      done
    fi
  } >"$RABBITMQ_CONFIG_FILE"
  start_epmd "$dir"
  nohup setsid "$bin/rabbitmq-server" >"$node_dir/server.out" 2>&1 &
  echo $! >"$node_dir/server.pid"
  # A node that waits for its cluster peers is not ready until enough of them are up: wait for the pid file first.
  local waited=0
  until [ -f "$RABBITMQ_PID_FILE" ]; do
    sleep 0.2
    waited=$((waited + 1))
    running || { echo "rabbitmq-node: node $n exited (see $node_dir/server.out)" >&2; return 1; }
    [ "$waited" -lt 600 ] || { echo "rabbitmq-node: node $n wrote no pid file" >&2; return 1; }
  done
  if [ "${RABBIT_NO_WAIT:-}" != "1" ]; then
    "$bin/rabbitmqctl" -n "$name" -q wait --timeout 180 "$RABBITMQ_PID_FILE" >/dev/null \
      || { echo "rabbitmq-node: node $n not ready (see $node_dir/log)" >&2; return 1; }
  fi
}

stop() {
  local dir=$1 n=$2 signal=${3:-TERM}
  dir=$(cd "$dir" && pwd)
  node_env "$dir" "$n"
  running || return 0
  # The Erlang VM's pid, read before the stop because RabbitMQ deletes its pid file while stopping.
  local vm
  vm=$(cat "$RABBITMQ_PID_FILE" 2>/dev/null || cat "$node_dir/server.pid")
  kill "-$signal" "$vm" 2>/dev/null || true
  local waited=0
  while kill -0 "$vm" 2>/dev/null; do
    sleep 0.2
    waited=$((waited + 1))
    # A node without quorum can hang for over 30 s; its distribution port must be free for the next start.
    [ "$waited" -lt 100 ] || { kill -KILL "$vm" 2>/dev/null || true; sleep 0.2; }
  done
  kill -KILL "$(cat "$node_dir/server.pid")" 2>/dev/null || true
  rm -f "$node_dir/server.pid" "$RABBITMQ_PID_FILE"
}

case "$cmd" in
  start) start "${2:?DIR}" "${3:?N}" "${4:-1}" ;;
  stop) stop "${2:?DIR}" "${3:?N}" TERM ;;
  kill) stop "${2:?DIR}" "${3:?N}" KILL ;;
  stop-all)
    dir=${2:?DIR}
    [ -d "$dir" ] || exit 0
    for node in "$dir"/node*; do
      [ -d "$node" ] || continue
      stop "$dir" "${node##*/node}" TERM &
    done
    wait
    if [ -f "$dir/epmd.pid" ]; then
      kill "$(cat "$dir/epmd.pid")" 2>/dev/null || true
      rm -f "$dir/epmd.pid"
    fi
    ;;
  ports) ports "${2:?N}" ;;
  *) echo "usage: rabbitmq-node.sh start|stop|kill|stop-all|ports ..." >&2; exit 2 ;;
esac
