#!/usr/bin/env bash
# The single-node quick start (npm start): flotillad on the embedded store
# (data in .data/, API on 127.0.0.1:7400), then the hello TaskBook
# (examples/taskbooks/taskbook-hello.yaml) is applied and run with live
# progress. The daemon stays up in the foreground; Ctrl-C drains and stops
# it. Its JSON log goes to .data/flotillad.log.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/src/daemon/main.js ] && [ -z "$(find src cli -newer dist/src/daemon/main.js -name '*.ts' -print -quit)" ] || npm run --silent build
mkdir -p .data
bin/flotillad.js --config examples/flotillad.yaml "$@" 2>>.data/flotillad.log &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid' INT TERM
ctl() { node bin/flotctl.js --server 127.0.0.1:7400 "$@"; }
for _ in $(seq 100); do
  ctl nodes >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "flotillad exited; see .data/flotillad.log:" >&2; tail -5 .data/flotillad.log >&2; exit 1; }
  sleep 0.1
done
echo "flotillad is up on 127.0.0.1:7400 (embedded store in .data/, log in .data/flotillad.log)"
echo
ctl nodes
echo
ctl apply -f examples/taskbooks/taskbook-hello.yaml
echo
ctl run hello --wait || echo "(the hello run failed: see above, and .data/flotillad.log)"
echo
echo "try: npx flotctl runs; npx flotctl logs RUN; npx flotctl run hello --check --diff --wait"
echo "     npx flotctl apply -f examples/taskbooks/ applies an example of every kind"
echo "flotillad keeps running; press Ctrl-C to stop it."
wait $pid
