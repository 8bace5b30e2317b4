import re

from odoo.tests.common import HttpCase

VIEWPORT_RE = re.compile(r'<meta[^>]*name="viewport"[^>]*>')


class TestResponsiveBackend(HttpCase):
    """OCA's web_responsive serves the backend on phones; pinch-zoom stays allowed."""

    def assertZoomable(self, page, where):
        viewports = VIEWPORT_RE.findall(page)
        self.assertTrue(viewports, "%s has no viewport" % where)
        for meta in viewports:
            self.assertIn('content="width=device-width, initial-scale=1', meta, where)
            # either blocks pinch-zoom on phones
            self.assertNotIn("user-scalable", meta, where)
            self.assertNotIn("maximum-scale", meta, where)

    def test_backend_is_responsive_and_zoomable(self):
        self.assertTrue(self.env["ir.module.module"].search(
            [("name", "=", "web_responsive"), ("state", "=", "installed")]))
        self.assertZoomable(self.url_open("/web/login", timeout=60).text, "login page")
        self.authenticate("koordination", "koordination")
        page = self.url_open("/web", timeout=60).text
        self.assertIn("odooAppDrawer", page)
        self.assertZoomable(page, "backend")

    def test_portal_is_zoomable(self):
        self.authenticate("betrieb", "betrieb")
        self.assertZoomable(self.url_open("/my", timeout=60).text, "portal")
