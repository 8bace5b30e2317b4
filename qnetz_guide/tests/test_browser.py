import os

from odoo.addons.qnetz_base.tests.chromium import ARTIFACTS, ROOT, run_browser_script
from odoo.addons.qnetz_base.tests.tags import tagged

from .common import GuideHttpCase

SCRIPT = os.path.join(ROOT, "tests", "browser", "guide.js")
SCREENSHOT = os.path.join(ARTIFACTS, "guide.png")


@tagged("browser")
class TestGuideBrowser(GuideHttpCase):
    """Headless Chromium: load the guide, apply a filter, open an offer, screenshot."""

    def test_guide_in_browser(self):
        if os.path.exists(SCREENSHOT):
            os.remove(SCREENSHOT)
        code, output = run_browser_script(SCRIPT, timeout=240, SCREENSHOT=SCREENSHOT)
        self.assertEqual(code, 0, output)
        self.assertIn("opened: ", output)
        self.assertTrue(os.path.getsize(SCREENSHOT) > 10000, "screenshot missing")
