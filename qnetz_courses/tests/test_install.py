from odoo.tests.common import TransactionCase


class TestInstall(TransactionCase):

    def test_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "qnetz_courses")])
        self.assertEqual(module.state, "installed")
