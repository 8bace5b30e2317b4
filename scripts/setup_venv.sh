#!/usr/bin/env bash
# Creates .venv with the pinned dependency set, or brings an existing one up to date.
# The stamp (a hash of the requirement files) is written last: a venv without it is
# half-installed by an interrupted run, and is rebuilt rather than trusted.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
stamp_of() { cat requirements.txt requirements-odoo.txt requirements-test.txt requirements-lint.txt | sha256sum | cut -d' ' -f1; }
want="$(stamp_of)"
if [ -f "$VENV/.qnetz-stamp" ] && [ "$(cat "$VENV/.qnetz-stamp")" = "$want" ]; then
    exit 0
fi
python="$(scripts/find_python37.sh)"
if [ -f "$VENV/.qnetz-stamp" ] && [ -x "$VENV/bin/python" ]; then
    echo "Updating $VENV: the requirements changed ..."
else
    rm -rf "$VENV"
    echo "Creating $VENV with $python ..."
    "$python" -m venv "$VENV"
fi
# The machine's pip.conf names local index folders that may not exist; pip warns per package.
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@" 2> >(grep -v "^WARNING: Location" >&2); }
pip install "setuptools<58" wheel
pip install --no-build-isolation -r requirements.txt -r requirements-test.txt -r requirements-lint.txt
pip install --no-deps -r requirements-odoo.txt
"$VENV/bin/python" -c "import odoo, pytest_odoo" || { echo "error: the Odoo installation in $VENV is incomplete" >&2; exit 1; }
echo "$want" > "$VENV/.qnetz-stamp"
echo "$VENV is ready."
