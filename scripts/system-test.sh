#!/usr/bin/env bash
# The full system test of Upgrade Assist: the local stack as real processes (a Kafka broker, the
# MongoDB-protocol server, GreenMail and the four service jars, on ports of their own, so a running
# ./run-local.sh stack is not disturbed), then
#   1. load and latency: N requests at R/s with a realistic mix, then a burst of 2,000;
#   2. baselines on the same broker: Kafka's ProducerPerformance / ConsumerPerformance and a bare
#      3-hop kafka-clients chain (the pipeline's figures are printed as ratios to them);
#   3. faults under steady load: kill -9 of each service (3 rounds), kill -9 of the broker, MongoDB
#      unresponsive for 3 minutes (SIGSTOP/SIGCONT; no record may be dead-lettered by either outage), replay of
#      every topic, 100 poison records, GreenMail stopped for 30 s; after each: 0 lost, 0 duplicate
#      emails, 0 duplicate booking links, poison in the DLTs.
# Writes docs/benchmarks/<date>-full.md. Takes about 40 minutes on 2 cores.
#
#   scripts/system-test.sh                      build if needed, run everything with the defaults
#   scripts/system-test.sh --no-build           use the jars as they are
#   scripts/system-test.sh --rate=50 --duration=300 --burst=2000 --fault-rate=10
#
# Options (--name=value): rate (50 req/s), duration (300 s), warmup (30 s at 10/s), burst (2000),
# burst-concurrency (32), mongo-backend (memory; h2 = run-local.sh's file backend), mongo-threads (the MongoDB-protocol
# server's worker threads; 0 = Netty's default), fault-rate (10 req/s), kill-rounds (3), broker-outage (15 s), mongo-outage (180 s; 0 = none), poison (100),
# smtp-outage (30 s), perf-records (1000000), lead-days (14), service-jvm ("-XX:+UseSerialGC
# -XX:TieredStopAtLevel=1", run-local.sh's, after each service's heap: intake -Xmx256m -Xmn32m, the others -Xmx128m; an -Xmx or -Xmn here wins), mail-heap (2g), out (docs/benchmarks), report-name
# (<date>-full.md), work (system-tests/target/full-<time>), and the switches --no-baselines,
# --no-load, --no-burst, --no-capacity, --no-faults, --no-profile. An argument -D<name>=<value> sets a system property
# of the harness's JVM (e.g. -Dsystemtests.sharedMailboxes=0, -Dsystemtests.mailboxPollEvery=1; system-tests/README.md).
# The smoke version runs in ./mvnw verify (system-tests/src/test/java/.../PipelineSmokeIT.java).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD=1
ARGS=()
PROPS=()
for arg in "$@"; do
  case $arg in
    --no-build) BUILD=0 ;;
    -D*) PROPS+=("$arg") ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$arg") ;;
  esac
done

command -v java >/dev/null 2>&1 || { echo "java not found: install a JDK 17" >&2; exit 1; }

MODULES=(event-contracts embedded-mongo platform intake-service review-service scheduling-service notification-service local-stack system-tests)
JARS=(intake-service/target/intake-service.jar review-service/target/review-service.jar
      scheduling-service/target/scheduling-service.jar notification-service/target/notification-service.jar
      local-stack/target/local-stack.jar local-stack/target/classpath.txt
      system-tests/target/system-tests.jar system-tests/target/classpath.txt)

# needs_build: a jar is missing, or a source file or pom is newer than the oldest jar
needs_build() {
  local jar oldest=""
  for jar in "${JARS[@]}"; do
    [[ -f $jar ]] || return 0
    if [[ -z $oldest || $jar -ot $oldest ]]; then oldest=$jar; fi
  done
  [[ -n $(find pom.xml "${MODULES[@]/%//pom.xml}" "${MODULES[@]/%//src/main}" -newer "$oldest" -type f -print -quit 2>/dev/null) ]]
}

if (( BUILD )) && needs_build; then
  echo "Building: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
fi

# Run the harness from a copy of its jars: a build in the same working tree during the run (other
# engineers, the IDE) must not replace classes under a running JVM.
HARNESS=$(mktemp -d "${TMPDIR:-/tmp}/upgrade-assist-system-test.XXXXXX")
trap 'rm -rf "$HARNESS"' EXIT
CP="$HARNESS/system-tests.jar"
cp system-tests/target/system-tests.jar "$HARNESS/"
IFS=: read -r -a ENTRIES < system-tests/target/classpath.txt || true   # no newline at the end of the file
for entry in "${ENTRIES[@]}"; do
  if [[ $entry == "$ROOT"/* && -e $entry ]]; then
    copy="$HARNESS/$(echo "${entry#"$ROOT"/}" | tr '/' '_')"
    cp -r "$entry" "$copy"
    CP="$CP:$copy"
  else
    CP="$CP:$entry"
  fi
done
java -Xmx2g -XX:+UseParallelGC ${PROPS[@]+"${PROPS[@]}"} -cp "$CP" dev.upgradeassist.systemtests.FullSuite "${ARGS[@]}" &
SUITE=$!
# Ctrl-C or a kill of this script ends the suite, whose shutdown hook stops every process it started
trap 'kill -TERM "$SUITE" 2>/dev/null' INT TERM HUP
status=0
wait "$SUITE" || status=$?
while kill -0 "$SUITE" 2>/dev/null; do wait "$SUITE" || status=$?; done
exit "$status"
