#!/usr/bin/env bash
# Debian packages Odoo needs at run time: wkhtmltopdf renders the PDF reports.
set -euo pipefail
missing=()
command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "error: missing ${missing[*]}; install them (apt-get install ${missing[*]}) and run again." >&2
    exit 1
fi
echo "Installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || {
    echo "error: apt-get could not install ${missing[*]}." >&2; exit 1; }
