#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser test, when they are missing.
set -euo pipefail
here="$(dirname "$0")"
bash "$here/apt-install.sh" chromium chromium chromium-driver
bash "$here/apt-install.sh" chromedriver chromium-driver
