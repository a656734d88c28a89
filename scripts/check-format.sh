#!/usr/bin/env bash
# Fails when a Swift file is not as swift-format (with .swift-format) writes it, or when a line
# is longer than 150 characters. `scripts/check-format.sh --fix` formats in place instead.
set -euo pipefail
cd "$(dirname "$0")/.."
files=(Package.swift)
while IFS= read -r file; do files+=("$file"); done < <(git ls-files 'Sources/*.swift' 'Tests/*.swift')
if [ "${1:-}" = "--fix" ]; then
  swift format format --parallel --in-place "${files[@]}"
  exit 0
fi
unformatted=0
for file in "${files[@]}"; do
  if ! swift format format "$file" | cmp -s - "$file"; then
    echo "not formatted: $file (scripts/check-format.sh --fix)"
    unformatted=$((unformatted + 1))
  fi
done
long=$(awk 'length > 150 { print FILENAME ":" FNR ": " length " characters" }' "${files[@]}")
if [ -n "$long" ]; then
  echo "$long"
  echo "lines longer than 150 characters"
  exit 1
fi
[ "$unformatted" -eq 0 ] || { echo "$unformatted files not formatted"; exit 1; }
echo "format: ${#files[@]} files formatted, no line over 150 characters"
