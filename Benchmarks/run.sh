#!/usr/bin/env bash
# Benchmarks: builds the release binary, generates the large data set once (100,000 ideas,
# 300,000 comments, 1,000 projects on top of the demo content) and runs Benchmarks/bench.py on
# SQLite and on PostgreSQL (a throwaway cluster from scripts/with-postgres.sh).
# Needs wrk and nginx (Debian packages) and Python's requests. Only 127.0.0.1 is contacted.
# Usage: Benchmarks/run.sh [sqlite|postgres|both] [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
seconds=${2:-10}
for tool in wrk nginx; do command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install wrk nginx-light" >&2; exit 1; }; done

swift build -c release --product metropole 2>&1 | tail -1
binary=.build/release/metropole
data=Benchmarks/.data
mkdir -p "$data"
out="$data/results-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB; $(nginx -v 2>&1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(swift --version 2>&1 | head -1)"
} >"$out"

generate() {
  METROPOLE_DEMO_CONTENT=off "$binary" migrate --yes >/dev/null
  "$binary" seed >/dev/null
  "$binary" generate
}

if [ "$which" = sqlite ] || [ "$which" = both ]; then
  if [ ! -f "$data/large.sqlite" ]; then
    echo "== generating the SQLite data set"
    METROPOLE_SQLITE_PATH="$data/large.sqlite" METROPOLE_BCRYPT_COST=4 generate
  fi
  echo "== SQLite"
  python3 Benchmarks/bench.py --binary "$binary" --database sqlite --data "$data/large.sqlite" --seconds "$seconds" --markdown "$out"
fi

if [ "$which" = postgres ] || [ "$which" = both ]; then
  echo "== PostgreSQL (generating the data set in a throwaway cluster)"
  scripts/with-postgres.sh bash -c '
    set -euo pipefail
    psql "$METROPOLE_PG_URL" -qc "CREATE DATABASE bench" >/dev/null
    export DATABASE_URL="$(echo "$METROPOLE_PG_URL" | sed "s#/postgres?#/bench?#")" METROPOLE_BCRYPT_COST=4
    METROPOLE_DEMO_CONTENT=off '"$binary"' migrate --yes >/dev/null && '"$binary"' seed >/dev/null && '"$binary"' generate
    METROPOLE_BENCH_PG_DATABASE="$DATABASE_URL" python3 Benchmarks/bench.py --binary '"$binary"' --database postgres --seconds '"$seconds"' --markdown '"$out"'
  '
fi
echo "== results in $out"
