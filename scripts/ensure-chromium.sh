#!/bin/sh
# Make sure Debian's headless Chromium is installed for the browser tests (Playwright drives
# /usr/bin/chromium; Playwright's own browser download is not used). Installs it with apt-get
# when missing; needs root or sudo.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=
elif command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
else
    echo "error: /usr/bin/chromium is missing and neither root nor sudo is available; install the Debian package 'chromium'" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
