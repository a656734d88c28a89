#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback, runs the given command with
# METROPOLE_PG_URL (the "postgres" database), METROPOLE_PG_CTL (a pg_ctl wrapper that acts on
# this cluster: `$METROPOLE_PG_CTL stop|start`) set, and removes the cluster afterwards.
# Usage: scripts/with-postgres.sh COMMAND [ARGUMENTS]
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
CTL_SCRIPT="$DATA_DIR.ctl"
cat >"$CTL_SCRIPT" <<CTL
#!/usr/bin/env bash
case "\$1" in
  stop) ${RUN_AS[*]} "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null ;;
  start) ${RUN_AS[*]} "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA_DIR -c fsync=off -c max_connections=300" start >/dev/null ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
chmod +x "$CTL_SCRIPT"

cleanup() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DATA_DIR" "$LOG_FILE" "$CTL_SCRIPT"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"$CTL_SCRIPT" start
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PORT"

export METROPOLE_PG_URL="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
export METROPOLE_PG_CTL="$CTL_SCRIPT"
"$@"
