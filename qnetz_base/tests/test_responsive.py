from odoo.tests.common import HttpCase


class TestResponsiveBackend(HttpCase):
    """OCA's web_responsive serves the backend on phones; pinch-zoom stays allowed."""

    def test_backend_is_responsive_and_zoomable(self):
        self.assertTrue(self.env["ir.module.module"].search(
            [("name", "=", "web_responsive"), ("state", "=", "installed")]))
        self.authenticate("koordination", "koordination")
        page = self.url_open("/web", timeout=60).text
        self.assertIn("odooAppDrawer", page)
        self.assertNotIn("user-scalable=no", page)
        self.assertIn('name="viewport" content="width=device-width, initial-scale=1', page)
