#!/usr/bin/env bash
# Stops the throwaway PostgreSQL started by start-postgres.sh (in ${PG_ROOT:-/tmp/pdn-postgres}),
# ending its sessions (-m fast; PG_STOP_MODE=immediate kills them), and keeps its data.
ROOT=${PG_ROOT:-/tmp/pdn-postgres}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$ROOT/data" -m "${PG_STOP_MODE:-fast}" -w stop
