#!/usr/bin/env bash
# The single-node quick start (npm start): flotillad on the embedded store
# (data in .data/, API on 127.0.0.1:7400), then the hello TaskBook
# (examples/taskbooks/taskbook-hello.yaml) is applied and run with live
# progress. The daemon stays up in the foreground; Ctrl-C drains and stops
# it. Its JSON log goes to .data/flotillad.log.
#
# FLOTILLA_DATA_DIR, FLOTILLA_API_LISTEN and FLOTILLA_GOSSIP_BIND (the
# daemon's own environment settings, which win over examples/flotillad.yaml)
# move it elsewhere, e.g. to run it beside another daemon.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/src/daemon/main.js ] && [ -z "$(find src cli -newer dist/src/daemon/main.js -name '*.ts' -print -quit)" ] || npm run --silent build
data=${FLOTILLA_DATA_DIR:-.data}
api=${FLOTILLA_API_LISTEN:-127.0.0.1:7400}
mkdir -p "$data"
log="$data/flotillad.log"
# The daemon gets its own session, so Ctrl-C (SIGINT to the terminal's
# foreground group: npm, this script, flotctl) does not reach it directly;
# this script sends it exactly one SIGTERM. Two signals would mean "stop
# now, without draining" to flotillad.
setsid bin/flotillad.js --config examples/flotillad.yaml "$@" 2>>"$log" &
pid=$!
echo "$pid" >"$data/flotillad.pid"
stop() {
  trap '' INT TERM
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
  echo "flotillad stopped"
  exit 130
}
trap stop INT TERM
ctl() { node bin/flotctl.js --server "$api" "$@"; }
for _ in $(seq 100); do
  ctl nodes >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "flotillad exited; see $log:" >&2; tail -5 "$log" >&2; exit 1; }
  sleep 0.1
done
echo "flotillad is up on $api (embedded store in $data/, log in $log)"
echo
ctl nodes
echo
ctl apply -f examples/taskbooks/taskbook-hello.yaml
echo
ctl run hello --wait || echo "(the hello run failed: see above, and $log)"
echo
echo "try: npx flotctl runs; npx flotctl logs RUN; npx flotctl run hello --check --diff --wait"
echo "     npx flotctl apply -f examples/taskbooks/ applies an example of every kind"
echo "flotillad keeps running; press Ctrl-C to stop it."
wait "$pid"
