# Sourced by test.sh. The scale-out tests (several Vigil nodes over PostgreSQL and RabbitMQ, MQTT devices) need a
# RabbitMQ 3.10 broker with the MQTT and consistent-hash plugins. Installs rabbitmq-server and mosquitto-clients only
# when missing, starts one throw-away node on loopback through scripts/rabbitmq-node.sh (ports from
# VIGIL_RABBIT_PORT_BASE, default 56720), exports VIGIL_TEST_RABBITMQ, VIGIL_TEST_RABBITMQ_MQTT_PORT and VIGIL_TEST_RABBITMQ_AUTH_PORT (where the broker asks Vigil about MQTT devices), and registers
# the stop with vigil_on_exit. Tests that need a cluster start their own nodes with the same script. When anything
# fails, the RabbitMQ tests are skipped and say why.
vigil_rabbitmq_setup() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "rabbitmq: not root and no sudo; RabbitMQ tests will be skipped"; return 0; }
    sudo="sudo -n"
  fi
  if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || ! command -v mosquitto_pub >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || { echo "rabbitmq: no apt-get; RabbitMQ tests will be skipped"; return 0; }
    echo "rabbitmq: installing rabbitmq-server and mosquitto-clients"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server mosquitto-clients >/dev/null 2>&1 \
      || { echo "rabbitmq: install failed; RabbitMQ tests will be skipped"; return 0; }
  fi

  local run amqp mqtt auth
  run=$(mktemp -d /tmp/vigil-rabbit.XXXXXX)
  vigil_on_exit "$root/scripts/rabbitmq-node.sh stop-all $run >/dev/null 2>&1; rm -rf $run"
  # MQTT devices are authenticated by Vigil itself; the MQTT test runs its node on this port.
  auth=$(( ${VIGIL_RABBIT_PORT_BASE:-56720} + 400 ))
  VIGIL_RABBIT_AUTH_HTTP="http://127.0.0.1:$auth/api/v1/broker/auth" "$root/scripts/rabbitmq-node.sh" start "$run" 1 \
    || { echo "rabbitmq: the node did not start (see $run/node1); RabbitMQ tests will be skipped"; return 0; }
  read -r amqp mqtt <<<"$("$root/scripts/rabbitmq-node.sh" ports 1)"
  export VIGIL_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$amqp/"
  export VIGIL_TEST_RABBITMQ_MQTT_PORT="$mqtt" VIGIL_TEST_RABBITMQ_AUTH_PORT="$auth"
  echo "rabbitmq: RabbitMQ 3.10 on 127.0.0.1:$amqp (MQTT $mqtt)"
}
vigil_rabbitmq_setup || true
unset -f vigil_rabbitmq_setup
