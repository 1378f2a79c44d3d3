#!/usr/bin/env bash
# Runs every CTest suite of the given build directories and prints one final
# "N passed, N failed" line across all of them. Exits non-zero if anything failed.
set -uo pipefail

passed=0
failed=0
for dir in "$@"; do
  [[ -d "$dir" ]] || { echo "no build directory $dir"; exit 2; }
  log=$(mktemp)
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" 2>&1 | tee "$log"
  summary=$(grep -E "tests passed, [0-9]+ tests failed out of" "$log" | tail -n 1)
  rm -f "$log"
  if [[ -z "$summary" ]]; then
    echo "ctest in $dir produced no summary"; failed=$((failed + 1)); continue
  fi
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
  bad=$(sed -E 's/.*tests passed, ([0-9]+) tests failed.*/\1/' <<<"$summary")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
done
echo "${passed} passed, ${failed} failed"
((failed == 0))
