#!/bin/sh
# Make sure the Debian packages the tests drive are installed: Chromium's headless shell for the
# browser tests (Playwright drives /usr/bin/chromium-headless-shell, the same browser Playwright
# itself runs headless; its own browser download is not used) and Apache with mod_rewrite for the
# test of the w3id redirect rules (docs/w3id/.htaccess).
# Installs what is missing with apt-get; needs root or sudo.
set -eu
SHELL_BINARY=/usr/bin/chromium-headless-shell
if [ -x "$SHELL_BINARY" ] && [ -x /usr/sbin/apache2 ] && [ -f /usr/lib/apache2/modules/mod_rewrite.so ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=
elif command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
else
    echo "error: $SHELL_BINARY or apache2 is missing and neither root nor sudo is available;" \
         "install the Debian packages 'chromium-headless-shell' and 'apache2'" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium-headless-shell apache2 >/dev/null
"$SHELL_BINARY" --version
