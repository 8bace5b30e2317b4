import os

from odoo.tests.common import HttpCase

from odoo.addons.qnetz_base.tests.chromium import ARTIFACTS, run_browser_script
from odoo.addons.qnetz_base.tests.tags import tagged

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser", "roles.js")


@tagged("browser")
class TestRolesBrowser(HttpCase):
    """Headless Chromium logs in as each demo role and checks where it lands, in German."""

    def test_each_role_lands_on_its_job(self):
        code, output = run_browser_script(SCRIPT, SHOTS=ARTIFACTS)
        self.assertEqual(code, 0, output)
        self.assertIn("done", output)
        for name in ("login", "company_home", "provider_courses", "coordinator_needs",
                     "coordinator_needs_phone", "network_figures"):
            self.assertTrue(os.path.exists(os.path.join(ARTIFACTS, "qnetz_roles_%s.png" % name)))
