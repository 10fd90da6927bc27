#!/usr/bin/env bash
# Stops the throwaway PostgreSQL started by start-postgres.sh.
ROOT=${PG_ROOT:-/tmp/pdn-postgres}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$ROOT/data" -m fast stop
