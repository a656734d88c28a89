#!/usr/bin/env bash
# Core is shared machinery and names no feature: fails when a file under Sources/App/Core uses a
# type declared under Sources/App/Domains or Sources/App/Routes (comments are not checked).
set -euo pipefail
cd "$(dirname "$0")/.."
types=$(grep -rhoE "^(public |final |private |fileprivate )*(struct|enum|class|protocol|typealias|actor) [A-Z][A-Za-z0-9]*" \
  Sources/App/Domains Sources/App/Routes | awk '{print $NF}' | sort -u)
pattern="\\b($(echo "$types" | paste -sd'|'))\\b"
found=0
while IFS= read -r file; do
  hits=$(sed -E 's#//.*$##' "$file" | grep -noE "$pattern" || true)
  if [ -n "$hits" ]; then
    echo "$file names feature types: $(echo "$hits" | tr '\n' ' ')"
    found=1
  fi
done < <(find Sources/App/Core -name '*.swift' | sort)
# MetropoleKit (HTML, CSV, mail messages, dates) is a target of its own, so it cannot name the app's
# types; it also stays free of Vapor, Fluent and SQL.
while IFS= read -r line; do
  echo "MetropoleKit imports more than Foundation and NIO: $line"
  found=1
done < <(grep -rnE "^(@[a-zA-Z_]+ )?import " Sources/MetropoleKit | grep -vE "import (Foundation|NIOCore|NIOConcurrencyHelpers)$" || true)
if [ "$found" = 1 ]; then exit 1; fi
echo "layers: Core names no type of Domains/ or Routes/; MetropoleKit imports only Foundation and NIO"
