from .common import PortalCase


class TestPortalApprentices(PortalCase):

    def test_list_shows_own_apprentices_only(self):
        self.login(self.user_a)
        response = self.get("/my/apprentices")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Lena Albrecht", response.text)
        self.assertIn("Tim Arndt", response.text)
        self.assertNotIn("Jonas Brinkmann", response.text)
        self.login(self.user_b)
        response = self.get("/my/apprentices")
        self.assertIn("Jonas Brinkmann", response.text)
        self.assertNotIn("Lena Albrecht", response.text)

    def test_add_apprentice_with_consent(self):
        self.login(self.user_a)
        data = {
            "name": "Mia Krüger", "email": "mia@example.com",
            "occupation_id": str(self.occupation.id), "training_year": "1",
            "consent": "1", "consent_given_by": "Mia Krüger",
            "consent_purpose": "Kursanmeldung",
        }
        response = self.post("/my/apprentices/new", data)
        self.assertEqual(response.status_code, 200)
        apprentice = self.env["res.partner"].search([("name", "=", "Mia Krüger")])
        self.assertEqual(len(apprentice), 1)
        self.assertTrue(apprentice.is_apprentice)
        self.assertEqual(apprentice.employer_id, self.company_a)
        self.assertIn("Mia Krüger", response.text)
        profile = self.env["qnetz.target.profile"].search([("partner_id", "=", apprentice.id)])
        self.assertEqual(profile.consent_given_by, "Mia Krüger")
        self.assertEqual(profile.consent_purpose, "Kursanmeldung")
        self.assertTrue(profile.consent_date)
        self.assertTrue(apprentice.message_ids.filtered(
            lambda m: "Kursanmeldung" in (m.body or "")))
        # B does not see A's new apprentice
        self.login(self.user_b)
        self.assertNotIn("Mia Krüger", self.get("/my/apprentices").text)

    def test_missing_consent_keeps_input(self):
        self.login(self.user_a)
        data = {"name": "Ole Neumann", "email": "kein-mail", "consent_given_by": "",
                "consent_purpose": "Kursanmeldung"}
        response = self.post("/my/apprentices/new", data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertIn("Ole Neumann", response.text)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Ole Neumann")]))
        # a school id that is no school is refused, too
        data.update({"email": "", "consent": "1", "consent_given_by": "Ole",
                     "vocational_school_id": str(self.company_b.id)})
        response = self.post("/my/apprentices/new", data)
        self.assertIn("o_qnetz_errors", response.text)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Ole Neumann")]))

    def test_removing_an_apprentice_asks_first(self):
        self.login(self.user_a)
        url = "/my/apprentices/%d/remove" % self.apprentice_a2.id
        self.assertIn(url, self.get("/my/apprentices").text)
        # the list's link and a post without the confirmation only ask
        for response in (self.get(url), self.post(url, {}, form_url=url)):
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_qnetz_apprentice_remove_confirm", response.text)
            self.assertIn("Ja, entfernen", response.text)
            self.assertTrue(self.apprentice_a2.active)
        response = self.post(url, {"confirmed": "1"}, form_url=url)
        self.assertEqual(response.status_code, 200)
        self.apprentice_a2.invalidate_cache()
        self.assertFalse(self.apprentice_a2.active)
        # another company's apprentice: no confirmation page, nothing removed
        self.login(self.user_b)
        self.assertNotEqual(self.get(url).status_code, 200)
