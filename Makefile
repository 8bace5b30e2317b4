# qnetz: Odoo 11.0 addons of the Qualifizierungsnetzwerk Höxter-Holzminden.
#   make run    set everything up and serve the demo database on http://localhost:$(HTTP_PORT)
#   make test   set everything up and run the whole test suite on a fresh test database
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

DB ?= qnetz
TEST_DB ?= qnetz_test
HTTP_PORT ?= 8069
TEST_HTTP_PORT ?= 8169
# Threaded server: it serves the longpolling bus itself. With workers, the bus runs on a
# separate port and needs a reverse proxy in front, which a local demo does not have.
WORKERS ?= 0
ADDONS ?= qnetz_base,qnetz_courses,qnetz_guide,qnetz_portal
# What pytest runs; e.g. make test TESTS=qnetz_base/tests/test_need.py
TESTS ?=
PYTEST_ARGS ?=

comma := ,
space := $(empty) $(empty)
VENV := .venv
PYTHON := $(VENV)/bin/python
CONF := .odoo/odoo.conf
TEST_CONF := .odoo/test-$(TEST_DB).conf
# Where the background install of the previous release (make test) leaves its log and exit code.
RELEASE_LOG := .odoo/release-$(TEST_DB)_release
# Backups: the production profile's configuration for its database, else the demo's
# (it names the PostgreSQL and the filestore); FILE is an archive written by `make backup`.
BACKUP_DIR ?= backups
BACKUP_CONF ?= $(if $(filter $(PROD_DB),$(DB)),$(PROD_CONF),$(firstword $(wildcard $(CONF) $(PROD_CONF)) $(CONF)))
FILE ?=
# Production profile (`make prod`): no demo data, prefork workers behind nginx.
PROD_DB ?= qnetz_prod
PROD_HTTP_PORT ?= 8069
PROD_LONGPOLLING_PORT ?= 8072
PROD_CONF := .odoo/prod.conf
PROD_SITE := .odoo/nginx-qnetz.conf
PROD_PID := .odoo/prod.pid
PROD_STATE := .odoo

.PHONY: help setup venv postgres system-packages node browser config run test test-only test-fast clean i18n \
	lint backup restore prod prod-config prod-start prod-stop prod-update prod-backup prod-drill

help:
	@echo "make run    set up and serve the demo database '$(DB)' on http://localhost:$(HTTP_PORT)"
	@echo "make test   set up and run the whole test suite on a fresh database '$(TEST_DB)'"
	@echo "make prod   set up and start the production profile '$(PROD_DB)' behind nginx (HTTPS)"
	@echo "make prod-stop / prod-start   stop, start the production server"
	@echo "make prod-update   backup, update the addons, health check; roll back on failure"
	@echo "make prod-backup / prod-drill   encrypted off-site backup now / restore drill now"
	@echo "make backup DB=name                 archive database + filestore into $(BACKUP_DIR)/"
	@echo "make restore FILE=archive DB=new     restore an archive into a new database"
	@echo "make test-fast   the tests on '$(TEST_DB)' without browser, commit, subprocess and registry ones"
	@echo "make lint   flake8 and pylint-odoo (config: setup.cfg, .pylintrc)"
	@echo "make clean  remove the venv and generated configuration (databases are kept)"

venv:
	@scripts/setup_venv.sh

postgres:
	@scripts/setup_postgres.sh

system-packages:
	@scripts/setup_system_packages.sh

config: venv
	@HTTP_PORT=$(HTTP_PORT) $(PYTHON) scripts/write_config.py $(CONF)

setup: venv postgres node system-packages config

run: setup
	@$(PYTHON) scripts/init_db.py $(CONF) $(DB) --modules $(ADDONS)
	@echo
	@echo "  qnetz runs on http://localhost:$(HTTP_PORT)  (database '$(DB)', Ctrl-C stops it)"
	@echo "  Demo logins (user / password):"
	@echo "    Coordinator       koordination / koordination"
	@echo "    Company (portal)  betrieb / betrieb"
	@echo "    Provider (portal) traeger / traeger"
	@echo "    Network reader    netzwerk / netzwerk"
	@echo "    Administrator     admin / admin"
	@echo
	@exec $(PYTHON) scripts/odoo -c $(CONF) -d $(DB) --db-filter='^$(DB)$$' --workers=$(WORKERS) --max-cron-threads=1

test: setup browser
	@HTTP_PORT=$(TEST_HTTP_PORT) LOG_LEVEL=warn $(PYTHON) scripts/write_config.py $(TEST_CONF)
	@# The previous release's database for tests/test_release_upgrade.py installs beside the
	@# test database (each install keeps about one core busy), so it adds no time of its own.
	@rm -f $(RELEASE_LOG).rc && touch $(RELEASE_LOG).started && \
	  ( $(PYTHON) scripts/release_db.py $(TEST_CONF) $(TEST_DB)_release >$(RELEASE_LOG).log 2>&1; \
	    echo $$? >$(RELEASE_LOG).rc ) &
	@$(PYTHON) scripts/init_db.py $(TEST_CONF) $(TEST_DB) --reset --modules $(ADDONS)
	@$(MAKE) --no-print-directory test-only

# Runs the suite against the existing test database, for quick iterations.
test-only:
	@$(PYTHON) -m pytest --odoo-config=$(TEST_CONF) --odoo-database=$(TEST_DB) $(PYTEST_ARGS) $(TESTS)

# The suite on the existing test database without the browser, commit and subprocess tests
# (@tagged in qnetz_base/tests/tags.py): the quick check while working.
test-fast:
	@$(PYTHON) -m pytest --odoo-config=$(TEST_CONF) --odoo-database=$(TEST_DB) \
		-m "not browser and not commit and not subprocess and not registry and not slow" $(PYTEST_ARGS) $(TESTS)

# flake8 for the style of every Python file, pylint-odoo for the addons' Odoo rules.
lint: venv
	@$(VENV)/bin/flake8 .
	@$(VENV)/bin/pylint --rcfile=.pylintrc $(subst $(comma),$(space),$(ADDONS))
	@echo "lint: flake8 and pylint-odoo found nothing."

node:
	@scripts/setup_node.sh

browser: node
	@scripts/setup_node.sh --browser

clean:
	rm -rf $(VENV) .odoo node_modules

# Export ADDON's terms to its .pot and merge them into its de.po (needs `make test` once).
i18n:
	@$(PYTHON) scripts/update_translations.py $(TEST_CONF) $(TEST_DB) $(ADDON)

# A timestamped archive of DB: pg_dump's custom format plus the filestore.
backup: venv postgres
	@$(PYTHON) scripts/backup.py $(BACKUP_CONF) $(DB) --dir $(BACKUP_DIR)

# Restores FILE into the new database DB (never over an existing one).
restore: venv postgres
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/<archive>.tar.gz DB=<new name>" >&2; exit 2; }
	@$(PYTHON) scripts/restore.py $(BACKUP_CONF) $(FILE) $(DB)

# Production: the database without demo data, Odoo's prefork server behind nginx with
# HTTPS, scheduled encrypted backups off the machine, log rotation (docs/operations.md).
prod: venv postgres node system-packages prod-config
	@$(PYTHON) scripts/init_db.py $(PROD_CONF) $(PROD_DB) --without-demo --modules $(ADDONS)
	@scripts/setup_nginx.sh $(PROD_SITE)
	@scripts/setup_certbot.sh
	@$(MAKE) --no-print-directory prod-config
	@scripts/setup_nginx.sh $(PROD_SITE)
	@scripts/setup_backup_schedule.sh $(PROD_CONF) $(PROD_DB)
	@scripts/setup_logrotate.sh $(PROD_STATE)
	@$(MAKE) --no-print-directory prod-start

prod-config: venv
	@HTTP_PORT=$(PROD_HTTP_PORT) LONGPOLLING_PORT=$(PROD_LONGPOLLING_PORT) \
		$(PYTHON) scripts/write_prod_config.py $(PROD_CONF) $(PROD_SITE) $(PROD_DB)

prod-start:
	@scripts/prod_server.sh start $(PROD_CONF) $(PROD_PID)

prod-stop:
	@scripts/prod_server.sh stop $(PROD_CONF) $(PROD_PID)

# After pulling a new release: backup, update the addons, restart, health check; back to
# the backup if any of it fails.
prod-update: venv prod-config
	@$(PYTHON) scripts/prod_update.py $(PROD_CONF) $(PROD_DB) $(PROD_PID) --modules $(ADDONS) \
		--dir $(BACKUP_DIR)
	@scripts/setup_nginx.sh $(PROD_SITE)

# What the schedule runs: the encrypted off-site backup, the restore drill.
prod-backup: venv
	@$(PYTHON) scripts/offsite_backup.py $(PROD_CONF) $(PROD_DB) backup

prod-drill: venv
	@$(PYTHON) scripts/offsite_backup.py $(PROD_CONF) $(PROD_DB) drill
