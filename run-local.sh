#!/usr/bin/env bash
# Starts the whole Upgrade Assist system on this machine with nothing but a JDK 17: a real Apache Kafka broker
# (KRaft), a MongoDB wire-protocol server (H2 file backend), GreenMail (SMTP/IMAP sink) and the four services.
# This script only checks Java, builds, and hands over to the launcher in local-stack
# (dev.upgradeassist.localstack.Launcher), which owns the topology and the processes (docs/adr/0012).
#
#   ./run-local.sh                 build, start everything, wait until healthy, stay in the foreground;
#                                  Ctrl-C (or SIGTERM) stops everything
#   ./run-local.sh --no-build      the same without the Maven build
#   ./run-local.sh --infra-only    Kafka, MongoDB-protocol server and GreenMail only (run services from an IDE)
#   ./run-local.sh --without intake-service[,review-service]   everything but these services
#   ./run-local.sh --keep-going    keep the rest running when a service does not become healthy
#   ./run-local.sh --detach        return once healthy; stop later with ./run-local.sh stop
#   ./run-local.sh stop            stop a stack started from another shell, services first (also: down)
#   ./run-local.sh status          what runs, with pids and memory
#   ./run-local.sh wipe            delete Kafka and MongoDB data and the logs (stack must be stopped)
#   ./run-local.sh kafka TOOL ...  Kafka's own CLI: topics | consumer-groups | console-consumer |
#                                  console-producer | get-offsets (bootstrap server added if absent)
#
# Environment: READY_TIMEOUT (seconds, default 120), STOP_TIMEOUT (seconds per step, default 30),
# LOCAL_STACK_DIR (default <repo>/.local-stack); the services inherit every other variable.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 1
STATE_DIR="${LOCAL_STACK_DIR:-$ROOT/.local-stack}"
LAUNCHERS="$ROOT/local-stack/target"

if [[ -t 2 ]]; then YELLOW=$'\033[33m' RED=$'\033[31m' PLAIN=$'\033[0m'; else YELLOW='' RED='' PLAIN=''; fi
warn() { printf '%s%s%s\n' "$YELLOW" "$*" "$PLAIN" >&2; }
die()  { printf '%s%s%s\n' "$RED" "$*" "$PLAIN" >&2; exit 1; }

command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer"
version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
[[ -n $version && $version -ge 17 ]] || die "java 17 or newer needed (found: ${version:-unknown})"

# --no-build is this script's; everything else goes to the launcher. Only starting the stack builds.
BUILD=1 UP=1 ARGS=() VERBATIM=0
for arg in "$@"; do
  if (( VERBATIM )); then ARGS+=("$arg"); continue; fi
  case $arg in
    --no-build) BUILD=0 ;;
    kafka) UP=0 VERBATIM=1; ARGS+=("$arg") ;;
    stop|down|status|wipe|help|-h|--help) UP=0; ARGS+=("$arg") ;;
    *) ARGS+=("$arg") ;;
  esac
done

LAUNCH=("--repo=$ROOT")
if (( UP && BUILD )); then
  mkdir -p "$STATE_DIR/logs" || die "cannot create $STATE_DIR"
  printf 'Building the reactor: ./mvnw -B -ntp -q -DskipTests -fae package (log: %s)\n' "${STATE_DIR#"$ROOT"/}/logs/build.log"
  BUILD_STARTED=$(( $(date +%s%N) / 1000000 ))
  ./mvnw -B -ntp -q -DskipTests -fae package 2>&1 | tee "$STATE_DIR/logs/build.log"
  if [[ ${PIPESTATUS[0]} -ne 0 ]]; then
    # the launcher reports a service whose jar is older than this build as failed, never runs a stale jar
    LAUNCH+=("--build-started=$BUILD_STARTED" --build-failed)
    warn "The build failed for some modules (see above). Modules that built are used;"
    warn "a service whose module did not build is reported as failed, never run from a stale jar."
  fi
fi

[[ -s $LAUNCHERS/classpath.txt && -f $LAUNCHERS/local-stack.jar ]] \
  || die "local-stack is not built (no ${LAUNCHERS#"$ROOT"/}/classpath.txt): run ./run-local.sh without --no-build"

# exec: Ctrl-C and SIGTERM reach the launcher, which stops the stack in order (services first)
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx128m -Dupgradeassist.localstack.launcher \
  -cp "$LAUNCHERS/local-stack.jar:$(cat "$LAUNCHERS/classpath.txt")" \
  dev.upgradeassist.localstack.Launcher "${LAUNCH[@]}" "${ARGS[@]}"
