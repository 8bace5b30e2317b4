import glob
import os

from odoo.addons.qnetz_base.tests.chromium import ARTIFACTS, ROOT, run_browser_script
from odoo.addons.qnetz_base.tests.tags import tagged

from .common import GuideHttpCase

SCRIPT = os.path.join(ROOT, "qnetz_guide", "tests", "browser", "a11y.js")


@tagged("browser")
class TestAccessibility(GuideHttpCase):
    """axe-core over the public pages and the portal; the phone layout; screenshots."""

    def test_axe_audit_and_phone_layout(self):
        for old in glob.glob(os.path.join(ARTIFACTS, "a11y-*.png")):
            os.remove(old)
        code, output = run_browser_script(SCRIPT, timeout=420, SCREENSHOT_DIR=ARTIFACTS)
        self.assertEqual(code, 0, output)
        for name in ("home", "wegweiser", "offer", "courses", "course", "need-form",
                     "impressum", "my", "my-needs"):
            self.assertIn("audited: %s " % name, output)
            self.assertTrue(os.path.exists(os.path.join(ARTIFACTS, "a11y-%s.png" % name)))
        self.assertIn("phone: checked", output)
        self.assertIn("languages: checked", output)
        self.assertTrue(os.path.exists(os.path.join(ARTIFACTS, "a11y-ar-home.png")))
