#!/usr/bin/env bash
# Starts and stops a PostgreSQL and a Redis for the cluster integration tests, on 127.0.0.1 and free ports, as
# this user's own processes (no system service). Everything lives in DIR; DIR/env says where they listen.
#   test-servers.sh DIR start        initdb + pg_ctl start, create role/database 'kong'; redis-server
#   test-servers.sh DIR stop         stop both (by the PIDs they wrote) and leave DIR
#   test-servers.sh DIR pg-stop|pg-start|redis-stop|redis-start   (the tests stop and restart them)
# Needs the Debian packages postgresql and redis-server. As root, PostgreSQL runs as the 'postgres' user.
set -euo pipefail
DIR=${1:?usage: test-servers.sh DIR start|stop|pg-stop|pg-start|redis-stop|redis-start}
CMD=${2:?usage: test-servers.sh DIR start|stop|pg-stop|pg-start|redis-stop|redis-start}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
REDIS=${REDIS_SERVER:-$(command -v redis-server || true)}

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pg_start() {
  # shellcheck disable=SC1091
  . "$DIR/env"
  as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg.log" -w -t 30 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $DIR/sock" start >/dev/null
}
pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -m immediate -w stop >/dev/null 2>&1 || true; }
redis_start() {
  # shellcheck disable=SC1091
  . "$DIR/env"
  "$REDIS" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --dir "$DIR"
  for _ in $(seq 1 100); do [ -s "$DIR/redis.pid" ] && return 0; sleep 0.05; done
  echo "redis-server did not start, see $DIR/redis.log" >&2; return 1
}
redis_stop() {
  if [ -s "$DIR/redis.pid" ]; then
    pid=$(cat "$DIR/redis.pid"); kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rm -f "$DIR/redis.pid"
  fi
}

case "$CMD" in
  start)
    [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    [ -n "$REDIS" ] || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }
    mkdir -p "$DIR/sock"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$DIR" "$DIR/sock"; chmod 755 "$DIR"; fi
    PG_PORT=$(free_port); REDIS_PORT=$(free_port)
    PG_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    printf 'PG_PORT=%s\nREDIS_PORT=%s\nPG_PASSWORD=%s\n' "$PG_PORT" "$REDIS_PORT" "$PG_PASSWORD" >"$DIR/env"
    chmod 644 "$DIR/env"
    as_pg "$PGBIN/initdb" -D "$DIR/pg" -U postgres --auth=trust --no-sync >"$DIR/initdb.log" 2>&1 || {
      cat "$DIR/initdb.log" >&2; exit 1; }
    # Password authentication over TCP (as a real deployment), trust over the private socket for this script.
    cat >"$DIR/pg.hba" <<HBA
local all all trust
host all all 127.0.0.1/32 scram-sha-256
HBA
    as_pg cp "$DIR/pg.hba" "$DIR/pg/pg_hba.conf"
    pg_start
    as_pg "$PGBIN/psql" -h "$DIR/sock" -p "$PG_PORT" -U postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE kong LOGIN PASSWORD '$PG_PASSWORD'" -c "CREATE DATABASE kong OWNER kong" >/dev/null
    redis_start
    echo "PostgreSQL on 127.0.0.1:$PG_PORT (user kong, database kong), Redis on 127.0.0.1:$REDIS_PORT; $DIR/env"
    ;;
  psql) shift 2; . "$DIR/env"; as_pg "$PGBIN/psql" -h "$DIR/sock" -p "$PG_PORT" -U postgres "$@" ;;
  stop) pg_stop; redis_stop ;;
  pg-stop) pg_stop ;;
  pg-start) pg_start ;;
  redis-stop) redis_stop ;;
  redis-start) redis_start ;;
  *) echo "unknown command $CMD" >&2; exit 2 ;;
esac
