"""Two Odoo application servers behind one nginx, on one PostgreSQL with one data
directory (filestore and sessions): a login through nginx holds on both servers, a file
stored through one is read through the other, and a cron job due once runs once although
both servers run cron threads. On a scratch copy of the test database."""
import base64
import os
import shutil
import tempfile
import time
import unittest

import requests

import odoo
from odoo.addons.qnetz_base.tests.tags import tagged

from .prod_site import NGINX, OdooServer, ProdSite, free_ports, scratch_copy, write_config

CRON_CODE = ("param = env['ir.config_parameter'].sudo()\n"
             "param.set_param('qnetz.test.pair_runs', "
             "str(int(param.get_param('qnetz.test.pair_runs', '0')) + 1))")


@tagged("commit", "subprocess", "slow")
@unittest.skipUnless(os.path.exists(NGINX), "nginx is not installed (make prod installs it)")
class TestTwoServers(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dbname = "%s_pair" % odoo.tools.config["db_name"]
        cls.folder = tempfile.mkdtemp(prefix="qnetz-pair-")
        cls.config = write_config(os.path.join(cls.folder, "odoo.conf"),
                                  odoo.tools.config.rcfile, db_name=cls.dbname)
        cls.conf = scratch_copy(cls.config, odoo.tools.config["db_name"], cls.dbname)
        ports = free_ports(2, range(8282, 8290))
        cls.servers = [OdooServer(cls.config, cls.dbname, port,
                                  os.path.join(cls.folder, "odoo-%d.log" % port), cron_threads=1)
                       for port in ports]
        try:
            for server in cls.servers:
                server.wait()
            cls.site = ProdSite(cls.dbname, ports).start()
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers:
            server.stop()
        if getattr(cls, "site", None):
            cls.site.stop()
        import dbtools
        dbtools.drop_database(cls.conf, cls.dbname)
        shutil.rmtree(cls.folder, ignore_errors=True)

    def rpc(self, session, base, path, params):
        response = session.post(base + path, json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            verify=self.site.certificate, timeout=60)
        return response.json().get("result")

    def call_kw(self, session, base, model, method, *args, **kwargs):
        return self.rpc(session, base, "/web/dataset/call_kw/%s/%s" % (model, method), {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def login(self):
        session = requests.Session()
        result = self.rpc(session, self.site.url(""), "/web/session/authenticate", {
            "db": self.dbname, "login": "admin", "password": "admin"})
        self.assertTrue(result and result["uid"])
        return session, result["uid"]

    def direct(self, server):
        return "http://127.0.0.1:%d" % server.port

    def test_a_session_made_through_nginx_holds_on_both_servers(self):
        session, uid = self.login()
        for _ in range(6):
            self.assertEqual(self.rpc(session, self.site.url(""), "/web/session/get_session_info",
                                      {})["uid"], uid)
        for server in self.servers:
            direct = requests.Session()
            direct.cookies["session_id"] = session.cookies["session_id"]
            self.assertEqual(self.rpc(direct, self.direct(server),
                                      "/web/session/get_session_info", {})["uid"], uid,
                             "server on port %d" % server.port)

    def test_a_file_stored_through_one_server_is_read_through_the_other(self):
        session, _uid = self.login()
        first, second = self.servers
        content = b"Teilnahmebescheinigung %f" % time.time()
        direct = requests.Session()
        direct.cookies["session_id"] = session.cookies["session_id"]
        attachment = self.call_kw(direct, self.direct(first), "ir.attachment", "create", {
            "name": "pair.txt", "datas": base64.b64encode(content).decode(),
            "datas_fname": "pair.txt"})
        self.assertTrue(attachment)
        read = self.call_kw(direct, self.direct(second), "ir.attachment", "read",
                            [attachment], ["datas", "store_fname"])
        self.assertTrue(read[0]["store_fname"], "kept in the filestore, not the database")
        self.assertEqual(base64.b64decode(read[0]["datas"]), content)

    def test_a_cron_job_due_once_runs_once_with_two_cron_servers(self):
        session, _uid = self.login()
        base = self.site.url("")
        model = self.call_kw(session, base, "ir.model", "search",
                             [["model", "=", "ir.config_parameter"]])
        self.call_kw(session, base, "ir.cron", "create", {
            "name": "qnetz test: two servers", "model_id": model[0], "state": "code",
            "code": CRON_CODE, "interval_number": 1, "interval_type": "minutes",
            "numbercall": 1, "nextcall": "2020-01-01 00:00:00"})
        deadline = time.time() + 240
        runs = None
        while time.time() < deadline:
            runs = self.call_kw(session, base, "ir.config_parameter", "get_param",
                                "qnetz.test.pair_runs")
            if runs:
                break
            time.sleep(5)
        self.assertEqual(runs, "1", "the job ran within 4 minutes")
        # both cron threads had their turn (they poll every minute) before this is checked
        time.sleep(65)
        self.assertEqual(self.call_kw(session, base, "ir.config_parameter", "get_param",
                                      "qnetz.test.pair_runs"), "1", "and only once")
