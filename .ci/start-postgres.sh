#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1:${PGPORT:-55432} (trust auth, loopback only)
# in ${PG_ROOT:-/tmp/pdn-postgres} and prints its URL. Used by .ci/run, by the bench, by the outage
# test and by developers who want the PostgreSQL test suite. A cluster left stopped there (an
# outage test, the bench's loaded data) starts again as it is; one that cannot start is made anew.
set -euo pipefail
PGPORT=${PGPORT:-55432}
ROOT=${PG_ROOT:-/tmp/pdn-postgres}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "PostgreSQL n'est pas installé (apt-get install postgresql)." >&2; exit 1; }
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root: run it as the postgres user (created by Debian's package).
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  RUN_AS=(runuser -u postgres --)
fi
pg_ctl() { "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$ROOT/data" "$@"; }
start() {
  pg_ctl -l "$ROOT/server.log" -w \
    -o "-p $PGPORT -k $ROOT -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
}
if ! pg_ctl status >/dev/null 2>&1; then
  if [ ! -f "$ROOT/data/PG_VERSION" ] || ! start 2>/dev/null; then
    rm -rf "$ROOT"
    install -d -m 700 "$ROOT"
    [ "$(id -u)" = "0" ] && chown postgres "$ROOT"
    "${RUN_AS[@]}" "$BIN/initdb" -D "$ROOT/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    start
  fi
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
