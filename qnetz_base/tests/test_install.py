from odoo.tests.common import TransactionCase

from .install import ManifestLoadedMixin


class TestInstall(ManifestLoadedMixin, TransactionCase):

    addon = "qnetz_base"

    def test_coordinator_group_implies_network_user(self):
        coordinator = self.env.ref("qnetz_base.group_qnetz_coordinator")
        self.assertIn(self.env.ref("qnetz_base.group_qnetz_user"), coordinator.implied_ids)
        user = self.env["res.users"].create({
            "name": "Test Coordinator", "login": "test-coordinator",
            "groups_id": [(6, 0, [coordinator.id])]})
        self.assertTrue(user.has_group("qnetz_base.group_qnetz_user"))
        self.assertTrue(user.has_group("base.group_user"))

    def test_network_reader_is_a_portal_user(self):
        """Whoever holds an internal group has Odoo's employee rights on its own models:
        the reader group brings the portal, never the employee group."""
        reader = self.env.ref("qnetz_base.group_qnetz_network")
        user = self.env["res.users"].create({
            "name": "Test Reader", "login": "test-reader",
            "groups_id": [(6, 0, [reader.id])]})
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertFalse(user.has_group("base.group_user"))
        self.assertTrue(user.share)
        # the demo reader too (the test database is made with demo data)
        self.assertTrue(self.env.ref("qnetz_base.user_network_demo").share)

    def test_german_is_installed(self):
        self.assertTrue(self.env["res.lang"].search([("code", "=", "de_DE")]))
