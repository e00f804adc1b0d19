#!/usr/bin/env bash
# Runs every test of Upgrade Assist on real infrastructure (Kafka broker, MongoDB-protocol server,
# SMTP/IMAP, headless Chromium), started by the tests themselves: in-JVM here, Testcontainers where
# Docker exists (-Dtest.infra=docker|embedded|auto). Needs only JDK 17.
set -euo pipefail
cd "$(dirname "$0")"

# The booking page is tested in a real browser: Debian's chromium + chromedriver, installed when missing.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ -x scheduling-service/scripts/install-chromium.sh ]; then
    scheduling-service/scripts/install-chromium.sh \
      || echo "run-tests: Chromium could not be installed; the browser test will be skipped and say why"
  fi
fi

exec ./mvnw -B -ntp verify "$@"
