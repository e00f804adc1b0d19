#!/usr/bin/env bash
# Offline replay: move a stopped service's consumer group back on one topic with Kafka's own
# ConsumerGroupCommand, run from the project's Maven artifacts (local-stack/target/classpath.txt).
#
#   scripts/replay-offline.sh --group review-service --topic upgrade-assist.intake.events \
#       --from EARLIEST|2026-12-01T00:00:00Z [--bootstrap-server host:9092] [--execute]
#   scripts/replay-offline.sh --group review-service --rollback .local-stack/offsets/<file>.csv [--execute]
#
# Without --execute it is a dry run: it prints the offsets it would set and changes nothing.
# With --execute it first exports the group's current offsets to a CSV (the rollback file), then
# resets. The group must have no active member (stop the service first): Kafka refuses otherwise.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

BOOTSTRAP=localhost:9092 GROUP= TOPIC= FROM= EXECUTE=0 ROLLBACK=
EXPORT_DIR=$ROOT/.local-stack/offsets
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --bootstrap-server) BOOTSTRAP=$2; shift ;;
    --group) GROUP=$2; shift ;;
    --topic) TOPIC=$2; shift ;;
    --from) FROM=$2; shift ;;
    --rollback) ROLLBACK=$2; shift ;;
    --export-dir) EXPORT_DIR=$2; shift ;;
    --execute) EXECUTE=1 ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
  shift
done
[[ -n $GROUP ]] || usage

CP_FILE=$ROOT/local-stack/target/classpath.txt
if [[ ! -s $CP_FILE ]]; then
  echo "Building the Kafka tools classpath (local-stack)..." >&2
  ./mvnw -q -B -ntp -pl local-stack -am package -DskipTests >&2
fi
CP="$ROOT/local-stack/target/local-stack.jar:$(cat "$CP_FILE")"
groups() { java -cp "$CP" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" "$@"; }

MODE=--dry-run
[[ $EXECUTE == 1 ]] && MODE=--execute

if [[ -n $ROLLBACK ]]; then
  [[ -f $ROLLBACK ]] || { echo "no such file: $ROLLBACK" >&2; exit 2; }
  echo "Restoring group $GROUP from $ROLLBACK ($MODE)"
  groups --group "$GROUP" --reset-offsets --from-file "$ROLLBACK" "$MODE"
  exit 0
fi

[[ -n $TOPIC && -n $FROM ]] || usage
case $FROM in
  EARLIEST|earliest) TARGET=(--to-earliest) ;;
  *)
    # RFC 3339 → the form Kafka takes: YYYY-MM-DDTHH:mm:SS.sss with a zone
    ts=$(date -u -d "$FROM" +%Y-%m-%dT%H:%M:%S.000Z) || { echo "--from must be EARLIEST or an RFC 3339 time" >&2; exit 2; }
    TARGET=(--to-datetime "$ts") ;;
esac

if [[ $EXECUTE == 1 ]]; then
  mkdir -p "$EXPORT_DIR"
  backup="$EXPORT_DIR/$GROUP-$(date -u +%Y%m%dT%H%M%SZ).csv"
  groups --group "$GROUP" --topic "$TOPIC" --reset-offsets --to-current --dry-run --export > "$backup"
  echo "Current offsets of $GROUP exported to $backup (roll back with: $0 --group $GROUP --rollback $backup --execute)"
fi
echo "Resetting $GROUP on $TOPIC ${TARGET[*]} ($MODE)"
groups --group "$GROUP" --topic "$TOPIC" --reset-offsets "${TARGET[@]}" "$MODE"
