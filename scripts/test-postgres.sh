#!/usr/bin/env bash
# Runs the test suite against a throwaway PostgreSQL cluster on loopback, started and removed
# by scripts/with-postgres.sh. Usage: scripts/test-postgres.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-postgres.sh bash -c 'METROPOLE_TEST_POSTGRES_URL="$METROPOLE_PG_URL" swift test "$@"' test-postgres "$@"
