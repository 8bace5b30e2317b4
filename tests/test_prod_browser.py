"""Odoo 11's website, portal and backend run under the production profile's
Content-Security-Policy: Chromium walks them through nginx over HTTPS and reports every
violation (tests/browser/csp.js). This measured the policy first in report-only mode
(CSP=report), then enforced."""
import os
import unittest
from unittest.mock import patch

import odoo
from odoo.addons.qnetz_base.tests.chromium import run_browser_script
from odoo.addons.qnetz_base.tests.tags import tagged

from .prod_site import NGINX, ProdSite

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser", "csp.js")


@tagged("browser", "subprocess", "commit")
@unittest.skipUnless(os.path.exists(NGINX), "nginx is not installed (make prod installs it)")
class TestContentSecurityPolicy(unittest.TestCase):

    def setUp(self):
        patcher = patch.dict(odoo.tools.config.options, {"proxy_mode": True})
        patcher.start()
        self.addCleanup(patcher.stop)
        self.site = ProdSite(odoo.tools.config["db_name"],
                             [odoo.tools.config["http_port"]],
                             CSP=os.environ.get("QNETZ_CSP_MODE", "enforce")).start()
        self.addCleanup(self.site.stop)
        self.registry = odoo.registry(odoo.tools.config["db_name"])
        with odoo.api.Environment.manage(), self.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            self.need_id = env["qnetz.need"].search([], limit=1).id
            self.course_id = env["event.event"].search([], limit=1).id
            cr.execute("SELECT coalesce(max(id), 0) FROM auditlog_log")
            last_log = cr.fetchone()[0]
        self.addCleanup(self.forget_audit_logs, last_log)

    def forget_audit_logs(self, last_log):
        """The walk is real: the coordinator's reads were logged and committed. They are
        no record of anything, and the audit tests count the coordinator's reads."""
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM auditlog_log WHERE id > %s", (last_log,))

    def test_site_portal_and_backend_run_under_the_policy(self):
        code, output = run_browser_script(
            SCRIPT, timeout=600, BASE_URL=self.site.url(""), NEED_ID=self.need_id,
            COURSE_ID=self.course_id)
        self.assertEqual(code, 0, output)
        self.assertIn("violations: 0, page errors: 0", output)
