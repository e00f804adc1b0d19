#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its matching chromedriver, which the
# booking-page browser test (BookingPageBrowserIT) drives through Selenium. Idempotent: does
# nothing when both are already installed. Needs root (or sudo) and apt.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  echo "chromium and chromedriver are already installed:"
  /usr/bin/chromium --version || true
  /usr/bin/chromedriver --version || true
  exit 0
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium chromium-driver

/usr/bin/chromium --version
/usr/bin/chromedriver --version
