#!/usr/bin/env bash
# Node tools, pinned in package.json: lessc compiles Odoo 11's stylesheets (without it
# the backend shows a style error), playwright-core drives Chromium in the browser tests.
# With --browser, also Debian's Chromium for those tests.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "error: $*" >&2; exit 1; }
scripts/install_debian_package.sh npm npm
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --silent --no-audit --no-fund || die "npm ci failed; node_modules is incomplete."
fi
if [ "${1:-}" = "--browser" ]; then
    scripts/install_debian_package.sh chromium chromium
fi
exit 0
