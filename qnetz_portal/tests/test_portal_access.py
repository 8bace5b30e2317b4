from .common import PortalCase


class TestPortalAccess(PortalCase):
    """Portal access comes from the coordinator, the role from the commercial partner."""

    def test_coordinator_grants_access_with_portal_wizard(self):
        contact = self.env["res.partner"].create({
            "name": "Clara Conrad", "parent_id": self.company_b.id,
            "email": "clara.conrad@example.com", "lang": "de_DE"})
        wizard = self.env["portal.wizard"].sudo(self.coordinator).with_context(
            active_ids=[contact.id]).create({
                "user_ids": [(0, 0, {"partner_id": contact.id, "email": contact.email,
                                     "in_portal": True})]})
        wizard.action_apply()
        user = contact.user_ids
        self.assertEqual(len(user), 1)
        self.assertTrue(user.has_group("base.group_portal"))
        # a password the policy accepts (zxcvbn, nothing of the person's own names)
        user.write({"password": "Werkbank Kompass Nebel 42"})
        self.authenticate(user.login, "Werkbank Kompass Nebel 42")
        home = self.get("/my/home")
        self.assertIn('href="/my/needs"', home.text)
        self.assertIn("Meine Bedarfe", home.text)
        self.assertIn("Jonas Brinkmann", self.get("/my/apprentices").text)
        self.assertNotIn("Lena Albrecht", self.get("/my/apprentices").text)

    def test_partner_without_role_gets_no_pages(self):
        other = self.env["res.partner"].create({"name": "Privatkunde GmbH", "is_company": True})
        user = self._portal_user(other, "Otto Ohne", "test_portal_none")
        self.login(user)
        home = self.get("/my/home")
        self.assertEqual(home.status_code, 200)
        self.assertNotIn('href="/my/needs"', home.text)
        self.assertNotIn('href="/my/provider/courses"', home.text)
        for url in ("/my/needs", "/my/needs/new", "/my/apprentices", "/my/courses",
                    "/my/certificates", "/my/provider/courses"):
            self.assertEqual(self.get(url).status_code, 403, url)

    def test_public_user_is_sent_to_login(self):
        response = self.get("/my/needs")
        self.assertIn("/web/login", response.url)
