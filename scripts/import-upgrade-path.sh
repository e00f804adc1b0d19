#!/usr/bin/env bash
# Import GitLab's config/upgrade_path.yml into review-service's upgrade-path data.
#
#   scripts/import-upgrade-path.sh [--apply] [--versions FILE] [--alerts FILE] [UPGRADE_PATH_YML] [DATA_FILE]
#
# UPGRADE_PATH_YML  GitLab's file (default: the stored copy
#                   review-service/src/main/resources/upgrade-path/gitlab-upgrade_path.yml; fetch a
#                   newer one from gitlab-org/gitlab config/upgrade_path.yml and pass its path).
# DATA_FILE         the product's data (default: review-service/src/main/resources/upgrade-path/stops.yml).
# --versions FILE   GitLab's Upgrade Path tool's version list (its index.json, or src/util/all.js): reports
#                   stops whose latestPatch is older than the newest published patch, and unverified stops
#                   with published patches. Report only: patches are set by hand, from GitLab's notes.
# --alerts FILE     the tool's alerts.yml: reports alerts the data lacks and differing phase (check_when)
#                   or severity. Report only.
#
# Default is a DRY RUN: prints a unified diff of what the import would change and exits 0 (no
# change) or 1 (changes). --apply writes the result over DATA_FILE. New stops come in as
# `verified: false` (GitLab's file has no patch numbers). The result is validated like the service
# validates it; a malformed input is refused (exit 2) and nothing is written. To put new data in
# force without a redeploy, PUT it to /api/v1/operations/upgrade-path-data (docs/review-rules.md).
#
# Runs the importer class (dev.upgradeassist.review.upgradepath.UpgradePathImporter) from the built
# jar (review-service/target/review-service.jar, built by ./mvnw -pl review-service package) or,
# when there is no jar, from target/classes with SnakeYAML from the local Maven repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
apply=false
tool=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --apply) apply=true; shift ;;
    --versions) tool+=("--versions=$2"); shift 2 ;;
    --alerts) tool+=("--alerts=$2"); shift 2 ;;
    *) break ;;
  esac
done
upstream="${1:-$root/review-service/src/main/resources/upgrade-path/gitlab-upgrade_path.yml}"
data="${2:-$root/review-service/src/main/resources/upgrade-path/stops.yml}"
main=dev.upgradeassist.review.upgradepath.UpgradePathImporter
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

jar="$root/review-service/target/review-service.jar"
classes="$root/review-service/target/classes"
contracts="$root/event-contracts/target/classes"
yaml="$(ls "${HOME}"/.m2/repository/org/yaml/snakeyaml/*/snakeyaml-*.jar 2>/dev/null | sort -V | tail -1 || true)"
if [[ -f "$classes/dev/upgradeassist/review/upgradepath/UpgradePathImporter.class" && -d "$contracts" && -n "$yaml" ]]; then
  # compiled classes (./mvnw -pl review-service compile): newest code, no packaging needed
  run=(java -cp "$classes:$contracts:$yaml" "$main")
elif [[ -f "$jar" ]]; then
  run=(java -Dloader.main="$main" -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher)
else
  echo "build review-service first: ./mvnw -pl review-service -am package -DskipTests" >&2
  exit 2
fi

set +e
"${run[@]}" ${tool[@]+"${tool[@]}"} "$upstream" "$data" "$out"
rc=$?
set -e
if [[ $rc -ne 0 ]]; then echo "import failed (exit $rc); nothing written" >&2; exit 2; fi

if $apply; then
  cp "$out" "$data"
  echo "written: $data" >&2
  exit 0
fi
if diff -u --label "$data (current)" --label "$data (imported)" "$data" "$out"; then
  echo "dry run: no change" >&2
  exit 0
fi
echo "dry run: nothing written (re-run with --apply)" >&2
exit 1
