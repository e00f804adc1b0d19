#!/usr/bin/env bash
# Starts the whole Upgrade Assist system on this machine with nothing but a JDK 17:
# a real Apache Kafka broker (KRaft), a MongoDB wire-protocol server (H2 file backend),
# GreenMail (SMTP/IMAP sink) and the four services. See docs/runbooks/local-stack.md.
#
#   ./run-local.sh                 build, start everything, wait until healthy, stay in the
#                                  foreground; Ctrl-C (or SIGTERM) stops everything
#   ./run-local.sh --no-build      the same without the Maven build
#   ./run-local.sh --infra-only    Kafka, MongoDB-protocol server and GreenMail only
#   ./run-local.sh --keep-going    keep the rest running when a service does not become healthy
#   ./run-local.sh --detach        return once healthy; stop later with ./run-local.sh stop
#   ./run-local.sh stop            stop a stack started from another shell (services first)
#   ./run-local.sh status          what runs, with pids and ports
#   ./run-local.sh wipe            delete Kafka and MongoDB data and the logs (stack must be stopped)
#   ./run-local.sh kafka TOOL ...  Kafka's own CLI: topics | consumer-groups | console-consumer |
#                                  console-producer | get-offsets (bootstrap server added if absent)
#
# Environment: READY_TIMEOUT (seconds, default 120), STOP_TIMEOUT (seconds per step, default 30),
# LOCAL_STACK_DIR (default <repo>/.local-stack).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 1

STATE_DIR="${LOCAL_STACK_DIR:-$ROOT/.local-stack}"
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"
LAUNCHERS="$ROOT/local-stack/target"

INFRA=(kafka mongo mail)
SERVICES=(intake-service review-service scheduling-service notification-service)
declare -A PORT=([intake-service]=8081 [review-service]=8082 [scheduling-service]=8083 [notification-service]=8084)
declare -A DATABASE=([intake-service]=upgrade-assist-intake [review-service]=upgrade-assist-review
                     [scheduling-service]=upgrade-assist-scheduling [notification-service]=upgrade-assist-notification)
INFRA_PORTS=(9092 27017 3025 3143 8025)
SERVICE_JVM=(-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1)
# Every process this script starts carries -Dupgradeassist.localstack=<name>: it tells our
# processes from a recycled pid, and `ps -ef | grep upgradeassist.localstack` finds them all.
MARK="-Dupgradeassist.localstack"

T0=$(date +%s)
T0_MS=$(( $(date +%s%N) / 1000000 ))
OWNER=0        # 1 while this shell owns running processes and must stop them on exit
BUILD_START=0
BUILD_FAILED=0
FAILED=()

say()  { printf '%s\n' "$*" 2>/dev/null; }
if [[ -t 2 ]]; then YELLOW=$'\033[33m' RED=$'\033[31m' PLAIN=$'\033[0m'; else YELLOW='' RED='' PLAIN=''; fi
warn() { printf '%s%s%s\n' "$YELLOW" "$*" "$PLAIN" >&2; }
fail() { printf '%s%s%s\n' "$RED" "$*" "$PLAIN" >&2; }
die()  { fail "$*"; exit 1; }
# seconds since T0, one decimal
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
elapsed() { local ds=$(( ($(now_ms) - T0_MS) / 100 )); echo "$(( ds / 10 )).$(( ds % 10 ))"; }

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

# ---------------------------------------------------------------- processes

pid_of() { [[ -s "$PID_DIR/$1.pid" ]] && cat "$PID_DIR/$1.pid"; }

# alive NAME: the recorded pid runs and is the process we started (not a recycled pid, not a zombie)
alive() {
  local pid; pid=$(pid_of "$1") || return 1
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$MARK=$1 "
}

# launch NAME COMMAND...: own session and process group (setsid), pid file, log file
launch() {
  local name=$1; shift
  local log="$LOG_DIR/$name.log"
  [[ -f $log ]] && mv -f "$log" "$log.1"
  rm -f "$PID_DIR/$name.pid"
  # the inner bash writes its own pid, then exec's java: the pid file holds the java pid,
  # which leads its own process group whether or not setsid had to fork
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PID_DIR/$name.pid" "$@" >"$log" 2>&1 </dev/null &
  local i
  for i in $(seq 1 50); do [[ -s "$PID_DIR/$name.pid" ]] && return 0; sleep 0.1; done
  fail "$name: could not be started (no pid file)"; return 1
}

# stop_all NAME...: SIGTERM to each process group, wait (bounded), then SIGKILL what is left
stop_all() {
  local name pid waiting deadline
  waiting=()
  for name in "$@"; do
    if alive "$name"; then
      pid=$(pid_of "$name")
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
      waiting+=("$name")
    else
      rm -f "$PID_DIR/$name.pid"
    fi
  done
  [[ ${#waiting[@]} -eq 0 ]] && return 0
  say "  stopping ${waiting[*]}"
  deadline=$(( $(date +%s) + STOP_TIMEOUT ))
  while (( $(date +%s) < deadline )); do
    local left=()
    for name in "${waiting[@]}"; do alive "$name" && left+=("$name"); done
    [[ ${#left[@]} -eq 0 ]] && break
    sleep 0.2
  done
  for name in "${waiting[@]}"; do
    if alive "$name"; then
      pid=$(pid_of "$name")
      warn "  $name did not stop within ${STOP_TIMEOUT}s: SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$PID_DIR/$name.pid"
  done
}

stop_stack() {
  say "Stopping the local stack (services first, infrastructure last)"
  touch "$PID_DIR/stopping" 2>/dev/null   # tells a monitoring run-local.sh that this stop is intended
  stop_all "${SERVICES[@]}"
  stop_all mail mongo
  stop_all kafka
  wait 2>/dev/null
  say "Stopped."
}

cleanup() {
  if (( OWNER )); then
    OWNER=0
    trap '' INT TERM HUP
    stop_stack
  fi
}

# ---------------------------------------------------------------- probes

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# health_up PORT: /actuator/health answers 200 with status UP
health_up() {
  local port=$1 response
  if command -v curl >/dev/null 2>&1; then
    response=$(curl -s --max-time 2 -w '\n%{http_code}' "http://localhost:$port/actuator/health" 2>/dev/null) || return 1
    [[ ${response##*$'\n'} == 200 && $response == *'"status":"UP"'* ]]
  else
    response=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port
      printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
      cat <&3" 2>/dev/null) || return 1
    [[ $response == 'HTTP/1.'?' 200'* && $response == *'"status":"UP"'* ]]
  fi
}

# the end of a log without stack frames, so that the cause ("APPLICATION FAILED TO START",
# the last "Caused by:") is on screen
show_log_tail() {
  local log="$LOG_DIR/$1.log"
  if [[ -s $log ]]; then
    fail "---- end of ${log#$ROOT/} (stack frames left out) ----"
    grep -Ev $'^\t(at |\\.\\.\\. [0-9]+ (common frames omitted|more))' "$log" | tail -n 40 >&2
    fail "---- full log: ${log#$ROOT/} ----"
  fi
}

# ---------------------------------------------------------------- build

check_java() {
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer"
  local version
  version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  [[ -n $version && $version -ge 17 ]] || die "java 17 or newer needed (found: ${version:-unknown})"
}

build() {
  say "Building the reactor: ./mvnw -q -DskipTests -fae package (log: ${LOG_DIR#$ROOT/}/build.log)"
  BUILD_START=$(date +%s)
  ./mvnw -q -DskipTests -fae package 2>&1 | tee "$LOG_DIR/build.log"
  if [[ ${PIPESTATUS[0]} -ne 0 ]]; then
    BUILD_FAILED=1
    warn "The build failed for some modules (see above). Modules that built are used;"
    warn "a service whose module did not build is reported as failed, never run from a stale jar."
  fi
  say "Build finished after $(elapsed)s"
}

launcher_classpath() {
  [[ -s $LAUNCHERS/classpath.txt && -f $LAUNCHERS/local-stack.jar ]] \
    || die "local-stack is not built (no $LAUNCHERS/classpath.txt): run ./run-local.sh without --no-build"
  echo "$LAUNCHERS/local-stack.jar:$(cat "$LAUNCHERS/classpath.txt")"
}

# ---------------------------------------------------------------- start

refuse_if_running() {
  local name running=()
  for name in "${INFRA[@]}" "${SERVICES[@]}"; do
    if alive "$name"; then running+=("$name"); else rm -f "$PID_DIR/$name.pid"; fi
  done
  [[ ${#running[@]} -eq 0 ]] || die "A local stack is already running (${running[*]}): ./run-local.sh stop"
  local port busy=()
  for port in "${INFRA_PORTS[@]}"; do port_open "$port" && busy+=("$port"); done
  if (( ! INFRA_ONLY )); then
    for name in "${SERVICES[@]}"; do port_open "${PORT[$name]}" && busy+=("${PORT[$name]}"); done
  fi
  [[ ${#busy[@]} -eq 0 ]] || die "Ports already in use by another process: ${busy[*]} (ss -ltnp shows which)"
}

start_infra() {
  local cp; cp=$(launcher_classpath) || exit 1
  mkdir -p "$STATE_DIR/kafka" "$STATE_DIR/mongo"
  say "Starting Kafka (KRaft) :9092, MongoDB wire protocol :27017, GreenMail SMTP :3025 IMAP :3143 REST :8025"
  launch kafka java "$MARK=kafka" -Dlocalstack.log.level=INFO -Xmx512m -XX:+UseSerialGC \
    -cp "$cp" dev.upgradeassist.localstack.KafkaBroker "--data-dir=$STATE_DIR/kafka" || return 1
  launch mongo java "$MARK=mongo" -Dlocalstack.log.level=INFO -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dio.netty.buffer.checkAccessible=false -Dio.netty.buffer.checkBounds=false \
    -cp "$cp" dev.upgradeassist.localstack.MongoServerMain "--file=$STATE_DIR/mongo/upgrade-assist.mv.db" || return 1
  launch mail java "$MARK=mail" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap -Dgreenmail.auth.disabled \
    -Dgreenmail.api.port=8025 -Dgreenmail.hostname=127.0.0.1 \
    -jar "$LAUNCHERS/greenmail/greenmail-standalone.jar" || return 1

  local deadline=$(( T0 + READY_TIMEOUT )) name port pending
  declare -A owner=([9092]=kafka [27017]=mongo [3025]=mail [3143]=mail [8025]=mail)
  while :; do
    pending=()
    for port in "${INFRA_PORTS[@]}"; do port_open "$port" || pending+=("$port"); done
    [[ ${#pending[@]} -eq 0 ]] && break
    for port in "${pending[@]}"; do
      name=${owner[$port]}
      if ! alive "$name"; then
        fail "FAILED: $name exited before port $port accepted connections"
        show_log_tail "$name"
        return 1
      fi
    done
    if (( $(date +%s) >= deadline )); then
      fail "FAILED: ports ${pending[*]} not accepting connections after ${READY_TIMEOUT}s"
      for port in "${pending[@]}"; do show_log_tail "${owner[$port]}"; done
      return 1
    fi
    sleep 0.2
  done
  INFRA_SECONDS=$(elapsed)
  say "Infrastructure accepts connections after ${INFRA_SECONDS}s (counted from the launch)"
}

service_jar() { echo "$ROOT/$1/target/$1.jar"; }

# Class data sharing for each service jar that built (scripts/cds.sh; about half the start time), all four
# at once; done again only after a build changed the jar. A service without an archive starts without one.
prepare_cds() {
  local name jar pids=()
  for name in "${SERVICES[@]}"; do
    jar=$(service_jar "$name")
    [[ -f $jar ]] || continue
    if [[ ! -f $ROOT/$name/target/cds/app.jsa || $jar -nt $ROOT/$name/target/cds/app.jsa ]]; then
      [[ ${#pids[@]} -eq 0 ]] && say "Preparing class data sharing archives (once per build; scripts/cds.sh)"
      "$ROOT/scripts/cds.sh" "$jar" "$ROOT/$name/target/cds" "${SERVICE_JVM[@]}" & pids+=($!)
    fi
  done
  [[ ${#pids[@]} -gt 0 ]] && wait "${pids[@]}"
  return 0
}

# the JVM arguments that run a service: its CDS archive and exploded jar when prepared, else the jar itself
service_launch_args() {
  local name=$1 cds="$ROOT/$1/target/cds"
  if [[ -f $cds/app.jsa && -f $cds/$name.jar && ! $(service_jar "$name") -nt $cds/app.jsa ]]; then
    echo "-XX:SharedArchiveFile=$cds/app.jsa -jar $cds/$name.jar"
  else
    echo "-jar $(service_jar "$name")"
  fi
}

start_services() {
  local name jar started=()
  for name in "${SERVICES[@]}"; do
    jar=$(service_jar "$name")
    if [[ ! -f $jar ]]; then
      fail "FAILED: $name: no ${jar#$ROOT/} (the module has not been built)"
      FAILED+=("$name"); continue
    fi
    if (( BUILD_FAILED )) && (( $(stat -c %Y "$jar") < BUILD_START )); then
      fail "FAILED: $name: its module did not build (${jar#$ROOT/} is older than this build; see ${LOG_DIR#$ROOT/}/build.log)"
      FAILED+=("$name"); continue
    fi
    # shellcheck disable=SC2046 # the paths are ours and have no spaces
    launch "$name" java "$MARK=$name" "${SERVICE_JVM[@]}" $(service_launch_args "$name") \
      --spring.profiles.active=local \
      "--spring.application.name=$name" \
      "--server.port=${PORT[$name]}" \
      --spring.kafka.bootstrap-servers=localhost:9092 \
      "--spring.mongodb.uri=mongodb://localhost:27017/${DATABASE[$name]}" \
      --spring.mail.host=localhost --spring.mail.port=3025 \
      && started+=("$name")
  done
  [[ ${#started[@]} -eq 0 ]] && return 0
  say "Starting ${started[*]} (waiting up to $(( T0 + READY_TIMEOUT - $(date +%s) ))s for /actuator/health UP)"

  local deadline=$(( T0 + READY_TIMEOUT )) pending
  while [[ ${#started[@]} -gt 0 ]]; do
    pending=()
    for name in "${started[@]}"; do
      if health_up "${PORT[$name]}"; then
        say "  $name UP on :${PORT[$name]} after $(elapsed)s"
      elif ! alive "$name"; then
        fail "FAILED: $name exited before it became healthy"
        show_log_tail "$name"; FAILED+=("$name")
      elif (( $(date +%s) >= deadline )); then
        fail "FAILED: $name not healthy (http://localhost:${PORT[$name]}/actuator/health) after ${READY_TIMEOUT}s"
        show_log_tail "$name"; FAILED+=("$name")
      else
        pending+=("$name")
      fi
    done
    started=("${pending[@]}")
    [[ ${#started[@]} -gt 0 ]] && sleep 0.5
  done
}

print_summary() {
  local name state
  say ""
  if [[ ${#FAILED[@]} -eq 0 ]]; then
    say "Upgrade Assist local stack is up after $(elapsed)s (infrastructure ${INFRA_SECONDS}s)."
  else
    warn "Upgrade Assist local stack is PARTLY up after $(elapsed)s; failed: ${FAILED[*]}"
  fi
  if (( ! INFRA_ONLY )); then
    for name in "${SERVICES[@]}"; do
      if alive "$name"; then state=UP; else state=DOWN; fi
      printf '  %-22s http://localhost:%s   (%s; Swagger UI /swagger-ui.html)\n' "$name" "${PORT[$name]}" "$state"
    done
  fi
  cat <<EOF
  Kafka (KRaft)          localhost:9092 (controller 127.0.0.1:9093)
  MongoDB protocol       mongodb://localhost:27017/upgrade-assist-<intake|review|scheduling|notification>
  SMTP sink              localhost:3025
  IMAP                   localhost:3143 (user = password = the mailbox address)
  Mail REST API          http://localhost:8025/api/user/<address>/messages/INBOX
Dev tokens (Authorization: Bearer <token>):
  dev-portal-token       PORTAL
  dev-engineer-token     ENGINEER
  dev-operator-token     OPERATOR
Logs: ${LOG_DIR#$ROOT/}/<name>.log   Data: ${STATE_DIR#$ROOT/}/kafka, ${STATE_DIR#$ROOT/}/mongo
EOF
}

# stay in the foreground until Ctrl-C / SIGTERM, or until everything has been stopped elsewhere
monitor() {
  say "Running. Ctrl-C stops everything (or ./run-local.sh stop from another shell)."
  local name any
  declare -A reported=()
  while :; do
    any=0
    for name in "${INFRA[@]}" "${SERVICES[@]}"; do
      if alive "$name"; then
        any=1
      elif [[ -f "$PID_DIR/$name.pid" && ! -f "$PID_DIR/stopping" && -z ${reported[$name]:-} ]]; then
        reported[$name]=1
        warn "$name exited unexpectedly"
        show_log_tail "$name"
      fi
    done
    if (( ! any )); then
      OWNER=0
      say "Every process has stopped; exiting."
      return 0
    fi
    sleep 1
  done
}

start() {
  check_java
  mkdir -p "$LOG_DIR" "$PID_DIR" || die "cannot create $STATE_DIR"
  refuse_if_running
  rm -f "$PID_DIR/stopping"
  (( BUILD )) && build
  (( INFRA_ONLY )) || prepare_cds
  T0=$(date +%s); T0_MS=$(now_ms)   # timings and READY_TIMEOUT count from the launch, not the build
  OWNER=1
  trap 'cleanup; exit 130' INT
  trap 'cleanup; exit 143' TERM
  trap 'cleanup; exit 129' HUP
  # a closed stdout (`| head`, or tee ended by Ctrl-C) must never end this shell before it
  # has stopped what it started: writes then fail quietly instead
  trap '' PIPE
  trap 'cleanup' EXIT
  start_infra || { fail "The infrastructure did not start."; exit 1; }
  (( INFRA_ONLY )) || start_services
  print_summary
  if [[ ${#FAILED[@]} -gt 0 ]] && (( ! KEEP_GOING )); then
    fail "Stopping everything because ${FAILED[*]} failed (use --keep-going to keep the rest running)."
    exit 1
  fi
  if (( DETACH )); then
    OWNER=0
    say "Detached. Stop with: ./run-local.sh stop"
    exit 0
  fi
  monitor
}

status() {
  local name pid
  for name in "${INFRA[@]}" "${SERVICES[@]}"; do
    if alive "$name"; then
      pid=$(pid_of "$name")
      printf '  %-22s running  pid %-8s %s\n' "$name" "$pid" "$(ps -o rss= -p "$pid" | awk '{printf "%d MB", $1/1024}')"
    else
      printf '  %-22s stopped\n' "$name"
    fi
  done
}

wipe() {
  local name
  for name in "${INFRA[@]}" "${SERVICES[@]}"; do
    alive "$name" && die "The stack is running ($name): ./run-local.sh stop first"
  done
  rm -rf "$STATE_DIR/kafka" "$STATE_DIR/mongo" "$LOG_DIR" "$PID_DIR"
  say "Deleted Kafka and MongoDB data and the logs under ${STATE_DIR#$ROOT/}."
}

kafka_tool() {
  local tool=${1:-} class
  [[ $# -gt 0 ]] && shift
  case $tool in
    topics)           class=org.apache.kafka.tools.TopicCommand ;;
    consumer-groups)  class=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    console-consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    console-producer) class=org.apache.kafka.tools.ConsoleProducer ;;
    get-offsets)      class=org.apache.kafka.tools.GetOffsetShell ;;
    *) die "usage: ./run-local.sh kafka topics|consumer-groups|console-consumer|console-producer|get-offsets [args]" ;;
  esac
  local args=("$@")
  [[ " ${args[*]} " == *" --bootstrap-server"* ]] || args=(--bootstrap-server localhost:9092 "${args[@]}")
  exec java -cp "$(launcher_classpath)" "$class" "${args[@]}"
}

# ---------------------------------------------------------------- main

BUILD=1 INFRA_ONLY=0 KEEP_GOING=0 DETACH=0 COMMAND=start
INFRA_SECONDS=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --no-build)   BUILD=0 ;;
    --infra-only) INFRA_ONLY=1 ;;
    --keep-going) KEEP_GOING=1 ;;
    --detach)     DETACH=1 ;;
    start)        COMMAND=start ;;
    stop)         COMMAND=stop ;;
    status)       COMMAND=status ;;
    wipe)         COMMAND=wipe ;;
    kafka)        shift; kafka_tool "$@" ;;
    -h|--help)    usage; exit 0 ;;
    *)            usage; die "unknown argument: $1" ;;
  esac
  shift
done

case $COMMAND in
  start)  start ;;
  stop)   stop_stack ;;
  status) status ;;
  wipe)   wipe ;;
esac
