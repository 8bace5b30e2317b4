#!/usr/bin/env bash
# setup_nginx.sh SITE      installs Debian's nginx, enables SITE as qnetz's site, (re)loads
# setup_nginx.sh --remove  takes qnetz's site out again (nginx keeps serving its others)
set -euo pipefail
cd "$(dirname "$0")/.."
LINK=/etc/nginx/conf.d/qnetz.conf
die() { echo "error: $*" >&2; exit 1; }
reload() {
    nginx -t -q || die "nginx rejects the configuration; see above."
    # No init system in containers: start nginx when it does not run, else reload it.
    if [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
        nginx -s reload
    else
        nginx
    fi
}
if [ "${1:-}" = "--remove" ]; then
    [ -e "$LINK" ] || exit 0
    rm -f "$LINK"
    reload
    exit 0
fi
site="$(realpath "$1")"
scripts/install_debian_package.sh nginx nginx
[ -w /etc/nginx/conf.d ] || die "enabling the nginx site needs root (writes $LINK)."
mkdir -p /var/cache/nginx/qnetz
ln -sfn "$site" "$LINK"
# qnetz's site is the default server on ports 80 and 443 (any name reaches it, and port
# 80 redirects); Debian's welcome page claims port 80 the same way.
rm -f /etc/nginx/sites-enabled/default
reload
