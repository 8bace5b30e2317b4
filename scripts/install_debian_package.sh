#!/usr/bin/env bash
# install_debian_package.sh COMMAND PACKAGE
# Installs Debian's PACKAGE when COMMAND is not on the PATH; says what to do when it can't.
set -euo pipefail
command="$1" package="$2"
command -v "$command" >/dev/null 2>&1 && exit 0
die() { echo "error: $*" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n)
else die "$command is missing; install it with 'apt-get install $package' and run again."
fi
echo "Installing $package ..."
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null \
    || die "apt-get could not install $package; install it by hand and run this again."
