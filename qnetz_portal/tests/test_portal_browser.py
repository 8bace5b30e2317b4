import os
import subprocess

import odoo

from .common import PortalCase

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "tests", "browser", "portal_need.js")
SHOTS = os.path.join(ROOT, "artifacts")


class TestPortalBrowser(PortalCase):
    """Headless Chromium: the demo company reports a need through the portal form."""

    def test_company_reports_need(self):
        user = self.env.ref("qnetz_base.user_company_portal")
        company = user.commercial_partner_id
        topic = "Lesen technischer Zeichnungen (Browsertest)"
        screenshot = os.path.join(SHOTS, "portal_need.png")
        if os.path.exists(screenshot):
            os.remove(screenshot)
        self.sync()
        env = dict(os.environ,
                   BASE_URL="http://127.0.0.1:%s" % odoo.tools.config["http_port"],
                   LOGIN="betrieb", PASSWORD="betrieb", TOPIC=topic, SHOTS=SHOTS,
                   NODE_PATH=os.path.join(ROOT, "node_modules"))
        result = subprocess.run(
            ["node", SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=300)
        output = result.stdout.decode("utf-8", "replace")
        self.env.cache.invalidate()
        self.assertEqual(result.returncode, 0, output)
        self.assertIn("done", output)
        need = self.env["qnetz.need"].search([("topic", "=", topic)])
        self.assertEqual(len(need), 1, output)
        self.assertEqual(need.partner_id, company)
        self.assertEqual(need.participant_count, 2)
        self.assertTrue(os.path.getsize(screenshot) > 10000)
