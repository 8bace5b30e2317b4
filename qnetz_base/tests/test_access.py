from odoo.exceptions import AccessError

from .common import QnetzCase

SENSITIVE_PARTNER_FIELDS = ("target_profile_ids", "target_profile_count", "anonymise_after")


class TestAccess(QnetzCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        cls.need = cls.env["qnetz.need"].create({
            "partner_id": cls.company.id, "area": "practice", "topic": "CNC-Drehen",
            "participant_count": 1})
        cls.profile = cls.env["qnetz.target.profile"].create(dict(
            cls._consent(), partner_id=cls.apprentice.id, learning_difficulties=True))

    def test_coordinator_manages_everything(self):
        for model in ("qnetz.need", "qnetz.target.profile", "qnetz.district", "qnetz.occupation",
                      "res.partner", "res.partner.industry"):
            Model = self.env[model].sudo(self.coordinator)
            for mode in ("read", "write", "create", "unlink"):
                self.assertTrue(Model.check_access_rights(mode, raise_exception=False),
                                "%s %s" % (model, mode))
        self.need.sudo(self.coordinator).write({"topic": "CNC-Fräsen"})
        self.assertEqual(self.profile.sudo(self.coordinator).learning_difficulties, True)
        self.apprentice.sudo(self.coordinator).read(list(SENSITIVE_PARTNER_FIELDS))
        self.apprentice.sudo(self.coordinator).write({"phone": "05271 1111"})

    def test_network_reader_reads_no_need_and_writes_nothing(self):
        """The network reader follows figures: needs name apprentices and companies' plans,
        so it reads none, and it changes nothing anywhere."""
        need = self.need.sudo(self.network_user)
        with self.assertRaises(AccessError):
            need.read(["topic"])
        with self.assertRaises(AccessError):
            need.write({"topic": "Geändert"})
        with self.assertRaises(AccessError):
            need.action_qualify()
        with self.assertRaises(AccessError):
            self.env["qnetz.need"].sudo(self.network_user).create(self._need_vals())
        with self.assertRaises(AccessError):
            need.unlink()
        for model in ("qnetz.district", "qnetz.occupation", "res.partner", "qnetz.need"):
            Model = self.env[model].sudo(self.network_user)
            for mode in ("write", "create", "unlink"):
                self.assertFalse(Model.check_access_rights(mode, raise_exception=False),
                                 "%s %s" % (model, mode))
        with self.assertRaises(AccessError):
            self.company.sudo(self.network_user).write({"employee_count": 5})
        self.assertTrue(self.network_user.share, "a portal user, not an employee")

    def test_network_user_cannot_see_sensitive_data(self):
        Profile = self.env["qnetz.target.profile"].sudo(self.network_user)
        self.assertFalse(Profile.check_access_rights("read", raise_exception=False))
        with self.assertRaises(AccessError):
            Profile.search([])
        with self.assertRaises(AccessError):
            self.profile.sudo(self.network_user).read(["learning_difficulties"])
        # apprentices are not the network user's at all, not even their names
        apprentice = self.apprentice.sudo(self.network_user)
        with self.assertRaises(AccessError):
            apprentice.read(["name"])
        self.assertFalse(self.env["res.partner"].sudo(self.network_user).search(
            [("is_apprentice", "=", True)]))
        for field_name in SENSITIVE_PARTNER_FIELDS:
            with self.assertRaises(AccessError):
                apprentice.read([field_name])
        # The web client only asks for the fields fields_get() offers: the sensitive ones
        # are not among them, so forms and lists open without them instead of failing.
        self.assertFalse(set(SENSITIVE_PARTNER_FIELDS) & set(apprentice.fields_get()))
        self.assertIn("target_profile_ids", self.apprentice.sudo(self.coordinator).fields_get())

    def test_this_addon_grants_nothing_to_portal_or_public(self):
        """qnetz_base opens nothing to portal or public users (qnetz_portal may, within
        the limits of its own record rules)."""
        portal_public = self.env.ref("base.group_portal") | self.env.ref("base.group_public")
        ours = self.env["ir.model.data"].search([
            ("module", "=", "qnetz_base"), ("model", "in", ("ir.model.access", "ir.rule"))])
        accesses = self.env["ir.model.access"].browse(
            ours.filtered(lambda d: d.model == "ir.model.access").mapped("res_id"))
        rules = self.env["ir.rule"].browse(
            ours.filtered(lambda d: d.model == "ir.rule").mapped("res_id"))
        self.assertTrue(accesses)
        self.assertFalse(accesses.filtered(lambda a: a.group_id in portal_public or not a.group_id))
        self.assertFalse(rules.filtered(lambda r: r.groups & portal_public))

    def test_portal_and_public_cannot_read_needs(self):
        for user in (self.portal_user, self.public_user,
                     self.env.ref("qnetz_base.user_company_portal_demo"),
                     self.env.ref("qnetz_base.user_provider_portal_demo")):
            Profile = self.env["qnetz.target.profile"].sudo(user)
            for mode in ("read", "write", "create", "unlink"):
                self.assertFalse(Profile.check_access_rights(mode, raise_exception=False),
                                 "%s %s" % (user.login, mode))
            with self.assertRaises(AccessError):
                Profile.search([])
            with self.assertRaises(AccessError):
                self.profile.sudo(user).read(["is_refugee"])
            # The need belongs to a company none of these users works for.
            with self.assertRaises(AccessError):
                self.need.sudo(user).read(["topic"])
        self.assertFalse(self.env["qnetz.need"].sudo(self.public_user).check_access_rights(
            "read", raise_exception=False))

    def test_portal_cannot_read_sensitive_partner_fields(self):
        portal = self.env.ref("qnetz_base.user_company_portal_demo")
        for user in (portal, self.portal_user, self.employee):
            apprentice = self.apprentice.sudo(user)
            for field_name in SENSITIVE_PARTNER_FIELDS + ("need_ids", "need_count"):
                with self.assertRaises(AccessError, msg="%s %s" % (user.login, field_name)):
                    apprentice.read([field_name])

    def test_company_portal_user_sees_only_its_own_company(self):
        portal = self.env.ref("qnetz_base.user_company_portal_demo")
        company = portal.partner_id.commercial_partner_id
        company.sudo(portal).check_access_rule("read")
        with self.assertRaises(AccessError):
            self.apprentice.sudo(portal).check_access_rule("read")
        with self.assertRaises(AccessError):
            self.company.sudo(portal).check_access_rule("read")

    def test_record_rules_exist_for_every_model(self):
        Rule = self.env["ir.rule"]
        for model in ("qnetz.need", "qnetz.target.profile", "qnetz.district", "qnetz.occupation"):
            self.assertTrue(Rule.search([("model_id.model", "=", model)]), model)
            self.assertTrue(self.env["ir.model.access"].search([("model_id.model", "=", model)]))
        # Even a group granted read access by mistake would not see the profiles.
        rule = self.env.ref("qnetz_base.rule_qnetz_target_profile_coordinator_only")
        self.assertTrue(rule["global"])

    def test_profile_rule_hides_profiles_from_non_coordinators(self):
        """If some other addon granted an ACL on profiles to employees, the global record
        rule still keeps the profiles closed to them."""
        self.env["ir.model.access"].create({
            "name": "test leak", "model_id": self.env["ir.model"]._get("qnetz.target.profile").id,
            "group_id": self.env.ref("base.group_user").id, "perm_read": True})
        Profile = self.env["qnetz.target.profile"].sudo(self.employee)
        self.assertTrue(Profile.check_access_rights("read", raise_exception=False))
        self.assertFalse(Profile.search([]))
        with self.assertRaises(AccessError):
            self.profile.sudo(self.employee).check_access_rule("read")
        self.assertTrue(self.env["qnetz.target.profile"].sudo(self.coordinator).search([]))

    def test_menus_for_the_coordination_only(self):
        root = self.env.ref("qnetz_base.menu_qnetz_root")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(root, Menu.sudo(self.coordinator).search([("id", "=", root.id)]))
        self.assertNotIn(root, Menu.sudo(self.employee).search([("id", "=", root.id)]))
        # Portal users, the network reader among them, cannot even read the backend menus.
        for user in (self.portal_user, self.network_user):
            self.assertFalse(
                Menu.sudo(user).check_access_rights("read", raise_exception=False))
        profiles_menu = self.env.ref("qnetz_base.menu_qnetz_target_profile")
        self.assertTrue(Menu.sudo(self.coordinator).search([("id", "=", profiles_menu.id)]))
