#!/usr/bin/env bash
# Prepares a service jar for a fast start with class data sharing (CDS), as Spring Boot documents it:
# the jar extracted to its exploded layout (CDS cannot map classes from jars nested in a jar), and an
# archive of the classes a start loads, recorded by a training run that builds the application context
# and exits before anything connects (spring.context.exit=onRefresh; no broker or database needed).
# Starting with it takes about half the time (docs/adr/0007).
#
#   scripts/cds.sh <service.jar> <dir> [jvm flag ...]
#
# Writes <dir>/<service>.jar (+ <dir>/lib) and <dir>/app.jsa, unless app.jsa is newer than the jar.
# Run the service with:  java -XX:SharedArchiveFile=<dir>/app.jsa [jvm flags] -jar <dir>/<service>.jar
# Pass the same JVM flags as the service gets. A failed training leaves no archive: the service then
# starts from the exploded jar without one (the caller checks for app.jsa).
set -euo pipefail
jar=$1; dir=$2; shift 2
name=$(basename "$jar")
if [[ -f $dir/app.jsa && $dir/app.jsa -nt $jar && -f $dir/$name ]]; then
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
# ports and addresses that nothing listens on: the training run must not reach a running stack
if ! java -XX:ArchiveClassesAtExit="$dir/app.jsa.tmp" -Dspring.context.exit=onRefresh "$@" \
    -jar "$dir/$name" --spring.profiles.active=local --server.port=0 \
    --spring.kafka.admin.auto-create=false --spring.kafka.bootstrap-servers=127.0.0.1:1 \
    --spring.data.mongodb.auto-index-creation=false --spring.mongodb.uri=mongodb://127.0.0.1:1/cds-training \
    >"$dir/training.log" 2>&1; then
  echo "cds: the training run of $name failed (see $dir/training.log); it starts without an archive" >&2
  rm -f "$dir/app.jsa.tmp"
  exit 0
fi
mv "$dir/app.jsa.tmp" "$dir/app.jsa"
