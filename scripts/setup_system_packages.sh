#!/usr/bin/env bash
# Debian packages Odoo needs at run time: wkhtmltopdf renders the PDF reports.
set -euo pipefail
"$(dirname "$0")/install_debian_package.sh" wkhtmltopdf wkhtmltopdf
