#!/usr/bin/env bash
# Starts a copy of the binary from an empty folder while the build folder is out of reach, as an
# operator runs the copied binary: it must migrate, load the demo content and draw the map.
# Usage: scripts/lone_binary.sh .build/debug/metropole
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$1"
if curl -fs -o /dev/null http://127.0.0.1:18090/; then echo "lone binary: port 18090 is already in use"; exit 1; fi
folder="$(mktemp -d /tmp/metropole-lone.XXXXXX)"
cp "$binary" "$folder/metropole"
hidden=".build-out-of-reach-$$"
pid=""
restore() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -d "$hidden" ]; then mv "$hidden" .build; fi
  rm -rf "$folder"
}
trap restore EXIT
mv .build "$hidden"
(cd "$folder" && METROPOLE_PORT=18090 METROPOLE_SQLITE_PATH="$folder/portal.sqlite" exec ./metropole serve >"$folder/serve.log" 2>&1) &
pid=$!
for _ in $(seq 1 60); do
  curl -fs -o /dev/null http://127.0.0.1:18090/ && break
  sleep 1
done
failed=0
curl -fs http://127.0.0.1:18090/karte | grep -q '<path' || { echo "lone binary: /karte draws no map"; failed=1; }
curl -fs http://127.0.0.1:18090/themenforen | grep -q 'Neue Mobilität' || { echo "lone binary: no forums"; failed=1; }
grep -q "Loaded demo content: 20 forums" "$folder/serve.log" || { echo "lone binary: no demo content"; failed=1; }
if [ "$failed" -ne 0 ]; then cat "$folder/serve.log"; exit 1; fi
echo "lone binary: started from an empty folder, demo content loaded, map drawn"
