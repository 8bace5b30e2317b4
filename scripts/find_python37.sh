#!/usr/bin/env bash
# Prints the path of a CPython 3.7 interpreter, or explains on stderr what is missing.
# Odoo 11.0 runs on Python 3.5-3.7 only; 3.7 is the one this project is pinned and tested on.
set -u
is_py37() {
    [ -x "$1" ] && [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = 3.7 ]
}
candidates=()
[ -n "${PYTHON37:-}" ] && candidates+=("$PYTHON37")
command -v python3.7 >/dev/null 2>&1 && candidates+=("$(command -v python3.7)")
pyenv_root="${PYENV_ROOT:-}"
if [ -z "$pyenv_root" ] && command -v pyenv >/dev/null 2>&1; then
    pyenv_root="$(pyenv root 2>/dev/null)"
fi
for root in "$pyenv_root" "$HOME/.pyenv"; do
    [ -n "$root" ] && [ -d "$root/versions" ] || continue
    for dir in $(ls -d "$root"/versions/3.7.* 2>/dev/null | sort -t. -k3 -n -r); do
        candidates+=("$dir/bin/python3.7" "$dir/bin/python")
    done
done
for python in "${candidates[@]}"; do
    if is_py37 "$python"; then
        echo "$python"
        exit 0
    fi
done
echo "error: qnetz needs CPython 3.7 (Odoo 11.0 does not run on newer Pythons) and found none." >&2
echo "       Install it with 'pyenv install 3.7.16' (or your system's python3.7), or point PYTHON37 at one." >&2
exit 1
