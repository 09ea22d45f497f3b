#!/usr/bin/env bash
# Installs a Java runtime from Debian's packages for the Spark tests, when none is there.
set -euo pipefail
if command -v java >/dev/null; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install-java: need root or sudo to install a Java runtime" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
java -version
