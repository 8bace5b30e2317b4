#!/usr/bin/env bash
# Tools Odoo and the tests need besides the venv: wkhtmltopdf 0.12.4 with patched Qt for
# the PDF reports (Debian's only as a fall-back, see setup_wkhtmltopdf.sh), and
# poppler-utils, whose pdftotext the tests use to read the rendered PDFs.
set -euo pipefail
cd "$(dirname "$0")"
./setup_wkhtmltopdf.sh
./install_debian_package.sh pdftotext poppler-utils
