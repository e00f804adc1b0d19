#!/usr/bin/env bash
# Runs a command the way CI may meet it: beside a CPU-hungry neighbour that keeps one of the two cores busy
# (stress-ng from Debian, installed when missing). Usage: scripts/with-neighbour.sh ./run-tests.sh
# NEIGHBOUR_CPUS (default 1) and NEIGHBOUR_LOAD (percent, default 100) shape the neighbour.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

if ! command -v stress-ng >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends stress-ng >/dev/null
fi

stress-ng --cpu "${NEIGHBOUR_CPUS:-1}" --cpu-load "${NEIGHBOUR_LOAD:-100}" --quiet &
neighbour=$!
trap 'kill "$neighbour" 2>/dev/null; wait "$neighbour" 2>/dev/null || true' EXIT
echo "with-neighbour: stress-ng (pid $neighbour) keeps ${NEIGHBOUR_CPUS:-1} core(s) at ${NEIGHBOUR_LOAD:-100} % while: $*"
"$@"
