#!/usr/bin/env bash
# Runs test classes of one module many times in one JVM (the Spring context starts once), printing a line per run
# and a closing "N passed, N failed": the check that a test does not fail at random.
# Usage: scripts/repeat-tests.sh <runs> <module> <TestClass>[#method]...   (simple names are found under the module)
# Example: scripts/with-neighbour.sh scripts/repeat-tests.sh 30 intake-service RequestLifecycleIT
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: $0 <runs> <module> <TestClass>..." >&2; exit 2; }
runs=$1 module=$2; shift 2

classes=()
for name in "$@"; do
  method=""; [[ "$name" == *"#"* ]] && method="#${name#*#}" && name=${name%%#*}
  if [[ "$name" == *.* ]]; then classes+=("$name$method"); continue; fi
  file=$(find "$module/src/test/java" -name "$name.java" | head -n 1)
  [ -n "$file" ] || { echo "no test class $name in $module" >&2; exit 2; }
  classes+=("$(echo "${file#"$module"/src/test/java/}" | sed 's/\.java$//; s#/#.#g')$method")
done

./mvnw -B -ntp -q install -DskipTests -pl "$module" -am
exec ./mvnw -B -ntp -q -pl "$module" exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
  "-Dexec.args=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp %classpath dev.upgradeassist.testsupport.RepeatTests $runs ${classes[*]}"
