"""A server that gets requests from its first moment serves correctly once it has started.

Odoo 11's threaded server listens before it has loaded the database's registry, and the
first request imported every addon of the addons path in its own thread while the main
thread loaded the registry: once in several starts the two imports met half-way, the
registry was built from half-imported addons (ir.http without website's and qnetz_guide's
overrides) and the server answered every request with 500 until it was restarted. This
test starts real servers on the test database and sends requests from the first moment.
"""
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import pytest
import requests

import odoo
from odoo.addons.http_routing.models.ir_http import slug

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STARTS = int(os.environ.get("QNETZ_STARTUP_STARTS", "3"))
# What a visitor asks for: the home page, the guide, a guide offer (the qnetz_offer
# converter), the course catalogue, the login page, and a JSON route.
PATHS = ("/", "/wegweiser", "/wegweiser/kurse", "/web/login", "/web/webclient/version_info")
STARTUP_TIMEOUT = 300


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Hammer(threading.Thread):
    """Sends requests without pause and keeps (time, path, status) of each answer."""

    def __init__(self, base, paths):
        super(Hammer, self).__init__(daemon=True)
        self.base, self.paths = base, paths
        self.answers = []
        self.stop = threading.Event()

    def run(self):
        session = requests.Session()
        while not self.stop.is_set():
            for path in self.paths:
                try:
                    if path.startswith("/web/webclient/"):
                        response = session.post(self.base + path, json={
                            "jsonrpc": "2.0", "method": "call", "params": {}}, timeout=60)
                    else:
                        response = session.get(self.base + path, timeout=60,
                                               allow_redirects=False)
                    self.answers.append((time.time(), path, response.status_code))
                except requests.RequestException:
                    time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.subprocess
class TestStartupRace(unittest.TestCase):

    def setUp(self):
        self.config = odoo.tools.config.rcfile
        self.dbname = odoo.tools.config["db_name"]
        registry = odoo.registry(self.dbname)
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            Offer = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["qnetz.offer"]
            offer = Offer.search(Offer._qnetz_visible_domain(), limit=1)
            self.paths = PATHS + (("/wegweiser/%s" % slug(offer),) if offer else ())

    def start_server(self, port, log):
        command = [sys.executable, os.path.join(ROOT, "scripts", "odoo"), "-c", self.config,
                   "-d", self.dbname, "--db-filter=^%s$" % self.dbname,
                   "--http-port=%d" % port, "--workers=0", "--max-cron-threads=0",
                   "--logfile=%s" % log, "--log-level=warn"]
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.STDOUT)

    def test_requests_during_start_up_do_not_break_the_server(self):
        for start in range(STARTS):
            port = free_port()
            base = "http://127.0.0.1:%d" % port
            log = tempfile.NamedTemporaryFile(suffix=".log", delete=False).name
            self.addCleanup(os.unlink, log)
            hammers = [Hammer(base, self.paths[i:] + self.paths[:i]) for i in range(4)]
            for hammer in hammers:
                hammer.start()
            server = self.start_server(port, log)
            try:
                deadline = time.time() + STARTUP_TIMEOUT
                while time.time() < deadline and not any(
                        status == 200 for hammer in hammers
                        for _when, path, status in hammer.answers if path == "/web/login"):
                    self.assertIsNone(server.poll(), "the server stopped: see %s" % log)
                    time.sleep(0.1)
                ready = time.time()
                time.sleep(3)
                for hammer in hammers:
                    hammer.stop.set()
                for hammer in hammers:
                    hammer.join(60)
                answers = [answer for hammer in hammers for answer in hammer.answers]
                errors = [(path, status) for when, path, status in answers
                          if when > ready and status >= 500]
                self.assertTrue(answers, "start %d: no answer within %d s" % (
                    start + 1, STARTUP_TIMEOUT))
                self.assertFalse(errors, "start %d: server errors after start-up: %s (log: "
                                 "%s)" % (start + 1, sorted(set(errors)), log))
                for path in self.paths:
                    if path.startswith("/web/webclient/"):
                        continue
                    response = requests.get(base + path, timeout=60, allow_redirects=False)
                    self.assertEqual(response.status_code, 200, (start + 1, path))
                early = sorted({status for when, path, status in answers if when <= ready})
                sys.stdout.write("start %d: %d requests, answers before ready: %s\n" % (
                    start + 1, len(answers), early))
            finally:
                for hammer in hammers:
                    hammer.stop.set()
                server.terminate()
                try:
                    server.wait(30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait(30)
