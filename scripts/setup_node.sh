#!/usr/bin/env bash
# Node tools, pinned in package.json: lessc compiles Odoo 11's stylesheets (without it
# the backend shows a style error), playwright-core drives Chromium in the browser tests.
# With --browser, also Debian's Chromium for those tests.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "error: $*" >&2; exit 1; }
apt_install() {
    [ "$(id -u)" = 0 ] || die "$1 is missing; install it with 'apt-get install $1' and run again."
    echo "Installing $1 ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null \
        || die "apt-get could not install $1."
}
command -v npm >/dev/null 2>&1 || apt_install npm
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --silent --no-audit --no-fund || die "npm ci failed; node_modules is incomplete."
fi
if [ "${1:-}" = "--browser" ]; then
    command -v chromium >/dev/null 2>&1 || apt_install chromium
fi
exit 0
