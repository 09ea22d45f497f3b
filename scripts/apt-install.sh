#!/usr/bin/env bash
# apt-install.sh COMMAND PACKAGE...: installs Debian packages when COMMAND is not on the PATH.
# Used by install-browser.sh and install-java.sh; never a download outside Debian's packages.
set -euo pipefail
command="$1"; shift
if command -v "$command" >/dev/null; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "apt-install: need root or sudo to install $*" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
