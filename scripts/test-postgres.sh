#!/usr/bin/env bash
# Runs the test suite against a throwaway PostgreSQL 15 cluster on loopback, started and removed
# by this script. Usage: scripts/test-postgres.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=""
for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ]; then PG_BIN="$candidate"; break; fi
done
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL is not installed: apt-get install postgresql-15" >&2
  exit 1
fi

PORT="${METROPOLE_TEST_PG_PORT:-55432}"
DATA_DIR="$(mktemp -d /tmp/metropole-pg.XXXXXX)"
LOG_FILE="$DATA_DIR.log"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root; the cluster belongs to the postgres user.
  chown postgres "$DATA_DIR"
  touch "$LOG_FILE" && chown postgres "$LOG_FILE"
  RUN_AS=(runuser -u postgres --)
fi

cleanup() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DATA_DIR" "$LOG_FILE"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA_DIR -c fsync=off -c max_connections=300" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PORT"

METROPOLE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable" swift test "$@"
