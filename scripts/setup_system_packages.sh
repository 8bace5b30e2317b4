#!/usr/bin/env bash
# Tools Odoo, the production profile and the tests need besides the venv:
# - wkhtmltopdf 0.12.4 with patched Qt for the PDF reports (Debian's only as a fall-back,
#   see setup_wkhtmltopdf.sh), and poppler-utils, whose pdftotext the tests use;
# - for the production profile (docs/operations.md), and for the tests that run it:
#   nginx in front, openssl for the self-signed certificate, certbot with its nginx plug-in
#   for a Let's Encrypt certificate, restic for the encrypted off-site backups, cron for
#   their schedule where systemd does not run, logrotate for the logs, curl for the checks.
set -euo pipefail
cd "$(dirname "$0")"
./setup_wkhtmltopdf.sh
./install_debian_package.sh pdftotext poppler-utils nginx nginx openssl openssl \
    certbot certbot - python3-certbot-nginx restic restic cron cron logrotate logrotate curl curl
