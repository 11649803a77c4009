#!/usr/bin/env bash
# Runs the test suite: every test/**/*.test.ts (Node 20 does not expand globs
# after --test, so the files are listed here), two files at a time.
#   scripts/test.sh                 # everything
#   scripts/test.sh test/store      # only files under these paths
set -euo pipefail
cd "$(dirname "$0")/.."
roots=("$@"); [ ${#roots[@]} -gt 0 ] || roots=(test)
mapfile -t files < <(find "${roots[@]}" -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files under: ${roots[*]}" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" \
  --test-timeout="${TEST_TIMEOUT_MS:-300000}" "${files[@]}"
