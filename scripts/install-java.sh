#!/usr/bin/env bash
# Installs a Java runtime from Debian's packages for the Spark tests, when none is there.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" java openjdk-17-jre-headless
