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

VENV := .venv
PYTHON := $(VENV)/bin/python
CONF := .odoo/odoo.conf
TEST_CONF := .odoo/test-$(TEST_DB).conf

.PHONY: help setup venv postgres system-packages node browser config run test test-only clean i18n

help:
	@echo "make run    set up and serve the demo database '$(DB)' on http://localhost:$(HTTP_PORT)"
	@echo "make test   set up and run the whole test suite on a fresh database '$(TEST_DB)'"
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
	@echo "    Administrator     admin / admin"
	@echo
	@exec $(PYTHON) scripts/odoo -c $(CONF) -d $(DB) --db-filter='^$(DB)$$' --workers=$(WORKERS) --max-cron-threads=1

test: setup browser
	@HTTP_PORT=$(TEST_HTTP_PORT) LOG_LEVEL=warn $(PYTHON) scripts/write_config.py $(TEST_CONF)
	@$(PYTHON) scripts/init_db.py $(TEST_CONF) $(TEST_DB) --reset --modules $(ADDONS)
	@$(MAKE) --no-print-directory test-only

# Runs the suite against the existing test database, for quick iterations.
test-only:
	@$(PYTHON) -m pytest --odoo-config=$(TEST_CONF) --odoo-database=$(TEST_DB) $(PYTEST_ARGS) $(TESTS)

node:
	@scripts/setup_node.sh

browser: node
	@scripts/setup_node.sh --browser

clean:
	rm -rf $(VENV) .odoo node_modules

# Export ADDON's terms to its .pot and merge them into its de.po (needs `make test` once).
i18n:
	@$(PYTHON) scripts/update_translations.py $(TEST_CONF) $(TEST_DB) $(ADDON)
