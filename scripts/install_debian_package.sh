#!/usr/bin/env bash
# install_debian_package.sh COMMAND PACKAGE [COMMAND PACKAGE ...]
# Installs each Debian PACKAGE whose COMMAND is not on the PATH (COMMAND "-": whose package
# is not installed, for packages without a command of their own, such as a plug-in), with
# one apt-get run; says what to do when it can't.
set -euo pipefail
die() { echo "error: $*" >&2; exit 1; }
missing=()
while [ $# -ge 2 ]; do
    command="$1" package="$2"
    shift 2
    if [ "$command" = "-" ]; then
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            && continue
    else
        command -v "$command" >/dev/null 2>&1 && continue
    fi
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n)
else die "${missing[*]} missing; install with 'apt-get install ${missing[*]}' and run again."
fi
echo "Installing ${missing[*]} ..."
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get could not install ${missing[*]}; install by hand and run this again."
