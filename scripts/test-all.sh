#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then runs lint and
# the whole suite. This is the README's test command and what CI runs.
#   - git, etcd-server and dpkg-dev through apt when missing (as root; otherwise it says
#     which command to run and stops); as root also iproute2 and nftables, for
#     the gossip tests in network namespaces (they skip, saying why, without root)
#   - npm packages with `npm ci` when node_modules is missing or stale
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v git >/dev/null 2>&1 || need+=(git)
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
# the package module's tests build a local apt repository (dpkg-deb, dpkg-scanpackages)
command -v dpkg-scanpackages >/dev/null 2>&1 || need+=(dpkg-dev)
if [ "$(id -u)" = 0 ]; then
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  command -v nft >/dev/null 2>&1 || need+=(nftables)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${need[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # the package may start a system etcd on 2379/2380; tests never use those ports
  else
    echo "the tests need: ${need[*]}. Install with: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

echo "== lint (tsc + eslint)"
npm run --silent lint
echo "== tests"
exec scripts/test.sh
