import os
import subprocess

import odoo

from .common import GuideHttpCase

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "tests", "browser", "guide.js")
SCREENSHOT = os.path.join(ROOT, "artifacts", "guide.png")


class TestGuideBrowser(GuideHttpCase):
    """Headless Chromium: load the guide, apply a filter, open an offer, screenshot."""

    def test_guide_in_browser(self):
        if os.path.exists(SCREENSHOT):
            os.remove(SCREENSHOT)
        env = dict(os.environ,
                   BASE_URL="http://127.0.0.1:%s" % odoo.tools.config["http_port"],
                   SCREENSHOT=SCREENSHOT,
                   NODE_PATH=os.path.join(ROOT, "node_modules"))
        result = subprocess.run(
            ["node", SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=240)
        output = result.stdout.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 0, output)
        self.assertIn("opened: ", output)
        self.assertTrue(os.path.getsize(SCREENSHOT) > 10000, "screenshot missing")
