"""Test-session set-up shared by every addon's tests.

pytest-odoo starts Odoo with stop=True, which shuts the HTTP server down again
before the tests run. HttpCase tests (and the browser tests) talk to Odoo over
HTTP, so the server is started once more here, in a thread of the test process:
requests then run on the test cursor, exactly as under Odoo's own test runner.
"""
import os
import socket
import time

import pytest

# As in scripts/odoo: the patched wkhtmltopdf of scripts/setup_wkhtmltopdf.sh before a
# system one on PATH, where Odoo looks first.
WKHTMLTOX_BIN = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             ".venv", "wkhtmltox", "bin")
if os.path.isdir(WKHTMLTOX_BIN):
    os.environ["PATH"] = os.pathsep.join([WKHTMLTOX_BIN, os.environ.get("PATH", "")])


def pytest_sessionstart(session):
    # pytest-odoo's registry fixture uses odoo.tests without importing it, which
    # fails when the first collected test module does not import it either. Here,
    # after pytest-odoo has read the configuration, so that odoo.tests.common
    # takes the test HTTP port.
    import odoo.tests.common  # noqa: F401


def _port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session", autouse=True)
def odoo_http_server(load_registry):
    import odoo
    from odoo.service import server
    import odoo.tests.common as common

    port = odoo.tools.config["http_port"]
    common.PORT = port
    if server.server is not None and not _port_open(port):
        server.server.http_spawn()
        deadline = time.time() + 20
        while not _port_open(port):
            if time.time() > deadline:
                pytest.exit("Odoo's HTTP server did not start on port %s" % port, returncode=3)
            time.sleep(0.1)
    yield port


# Figures a test reports (attempts of the access matrices, routes crawled ...): pytest
# captures what a passing test prints, so tests write one line each into this folder and
# the summary at the end of the run shows them.
FIGURES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts", "figures")


def pytest_configure(config):
    # figures of an earlier run are not this run's
    if os.path.isdir(FIGURES_DIR):
        for name in os.listdir(FIGURES_DIR):
            os.remove(os.path.join(FIGURES_DIR, name))


def pytest_terminal_summary(terminalreporter):
    if not os.path.isdir(FIGURES_DIR):
        return
    lines = []
    for name in sorted(os.listdir(FIGURES_DIR)):
        with open(os.path.join(FIGURES_DIR, name)) as figures:
            lines.extend(line.rstrip() for line in figures if line.strip())
    if lines:
        terminalreporter.section("qnetz figures")
        for line in lines:
            terminalreporter.write_line(line)


def pytest_collection_modifyitems(config, items):
    # @tagged("browser" | "commit" | "subprocess") of qnetz_base/tests/tags.py on a test
    # class or method becomes a pytest marker: `make test-fast` leaves those out.
    for item in items:
        tags = set(getattr(getattr(item, "cls", None), "qnetz_tags", ()))
        tags |= set(getattr(getattr(item, "obj", None), "qnetz_tags", ()))
        for tag in sorted(tags):
            item.add_marker(getattr(pytest.mark, tag))
