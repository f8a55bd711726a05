# Sourced by test.sh. The storage contract tests (tests/Vigil.Storage.Tests) and the server-on-PostgreSQL test run
# against a real PostgreSQL 15 with PostGIS. Installs the packages only when missing, starts a throw-away server on
# 127.0.0.1:55432 (VIGIL_PG_PORT overrides it) in a temp folder, as the postgres user since initdb refuses root, creates
# vigil_test with PostGIS, exports VIGIL_TEST_POSTGRES and registers the stop with vigil_on_exit. Durability settings
# stay at their defaults (fsync on): the tests check what survives a commit. When anything fails, the PostgreSQL tests
# are skipped and say why.
vigil_postgres_setup() {
  local bin=/usr/lib/postgresql/15/bin port=${VIGIL_PG_PORT:-55432}
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "postgres: not root and no sudo; PostgreSQL tests will be skipped"; return 0; }
    sudo="sudo -n"
  fi
  if [ ! -x "$bin/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
    command -v apt-get >/dev/null 2>&1 || { echo "postgres: no apt-get; PostgreSQL tests will be skipped"; return 0; }
    echo "postgres: installing postgresql-15 and postgresql-15-postgis-3"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-15-postgis-3 >/dev/null 2>&1 \
      || { echo "postgres: install failed; PostgreSQL tests will be skipped"; return 0; }
  fi

  # A server already answering on the port (a previous run in the same shell) is reused as it is.
  if ! pg_isready -q -h 127.0.0.1 -p "$port" -U postgres -t 1 >/dev/null 2>&1; then
    local run
    run=$(mktemp -d /tmp/vigil-pg.XXXXXX)
    chmod 755 "$run"
    $sudo install -d -o postgres -g postgres "$run/pg"
    $sudo runuser -u postgres -- "$bin/initdb" -D "$run/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$run/initdb.log" 2>&1 \
      || { echo "postgres: initdb failed (see $run/initdb.log); PostgreSQL tests will be skipped"; return 0; }
    $sudo runuser -u postgres -- "$bin/pg_ctl" -D "$run/pg/data" -l "$run/pg/server.log" -w -t 60 \
      -o "-p $port -k $run/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
      || { echo "postgres: start failed (see $run/pg/server.log); PostgreSQL tests will be skipped"; return 0; }
    vigil_on_exit "$sudo runuser -u postgres -- $bin/pg_ctl -D $run/pg/data -m fast -w stop >/dev/null 2>&1; rm -rf $run"
    pg_isready -q -h 127.0.0.1 -p "$port" -U postgres -t 30 || { echo "postgres: not ready; PostgreSQL tests will be skipped"; return 0; }
  fi

  psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'vigil_test'" | grep -q 1 \
    || psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE vigil_test" >/dev/null
  psql -q -h 127.0.0.1 -p "$port" -U postgres -d vigil_test -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null \
    || { echo "postgres: PostGIS could not be enabled; PostgreSQL tests will be skipped"; return 0; }
  export VIGIL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=vigil_test"
  echo "postgres: PostgreSQL 15 + PostGIS on 127.0.0.1:$port"
}
vigil_postgres_setup || true
unset -f vigil_postgres_setup
