import re
import time


from .common import GuideHttpCase


class TestNeedForm(GuideHttpCase):

    def setUp(self):
        super(TestNeedForm, self).setUp()
        self.Need = self.env["qnetz.need"]

    def form_page(self):
        response = self.url_open("/bedarf-melden")
        self.assertEqual(response.status_code, 200)
        return response.text

    def csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def post(self, **values):
        html = self.form_page()
        data = {
            "csrf_token": self.csrf(html),
            # A token signed a minute ago: a person took a minute to fill in the form.
            "form_token": self.Need._qnetz_form_token(time.time() - 60),
            "kind": "company",
            "name": "Sollingwerk Bevern GmbH",
            "contact_name": "Karin Ahrens",
            "email": "ausbildung@sollingwerk.example",
            "phone": "",
            "district": "holzminden",
            "area": "theory",
            "topic": "Technische Mathematik im 2. Ausbildungsjahr",
            "participant_count": "3",
            "preferred_place": "holzminden",
            "preferred_time": "evening",
            "description": "Drei Auszubildende Industriemechanik",
            "consent": "1",
        }
        data.update(values)
        data = {key: value for key, value in data.items() if value is not None}
        return self.url_open("/bedarf-melden", data=data, timeout=20)

    def web_needs(self):
        return self.Need.search([("web_reported", "=", True)])

    def test_form_page_is_accessible(self):
        html = self.form_page()
        self.assertIn("Bedarf melden", html)
        for field in ("name", "email", "topic", "district", "area", "consent"):
            self.assertRegex(html, r'<label for="qnetz_%s"' % field)
        self.assertIn('name="form_token"', html)
        self.assertIn('name="homepage"', html)

    def test_valid_report_creates_new_need(self):
        before = self.web_needs()
        response = self.post()
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/bedarf-melden/danke"))
        self.assertIn("Vielen Dank", response.text)
        need = self.web_needs() - before
        self.assertEqual(len(need), 1)
        self.assertEqual(need.state, "new")
        self.assertEqual(need.area, "theory")
        self.assertEqual(need.participant_count, 3)
        self.assertEqual(need.district_id, self.env.ref("qnetz_base.district_holzminden"))
        self.assertTrue(need.web_consent_date)
        partner = need.partner_id
        self.assertTrue(partner.is_training_company and partner.is_company)
        self.assertTrue(partner.web_reported)
        self.assertEqual(partner.child_ids.mapped("name"), ["Karin Ahrens"])
        self.assertIn("Karin Ahrens", need.description)

    def test_reporter_reused_only_among_web_partners(self):
        curated = self.env["res.partner"].create({
            "name": "Kuratierter Betrieb", "is_company": True, "is_training_company": True,
            "email": "ausbildung@sollingwerk.example"})
        self.post()
        self.post(name="Anders geschrieben GmbH", email="AUSBILDUNG@sollingwerk.example")
        needs = self.web_needs()
        self.assertEqual(len(needs), 2)
        self.assertEqual(len(needs.mapped("partner_id")), 1, "the web partner is reused")
        self.assertNotIn(curated, needs.mapped("partner_id"))

    def test_young_person(self):
        self.post(kind="young_person", name="Samira Haddad", contact_name="", area="language",
                  district="hoexter")
        need = self.web_needs()
        self.assertEqual(len(need), 1)
        self.assertTrue(need.partner_id.is_apprentice)
        self.assertFalse(need.partner_id.is_company)
        self.assertEqual(need.district_id, self.env.ref("qnetz_base.district_hoexter"))

    def test_no_consent_no_need_and_input_kept(self):
        response = self.post(consent=None)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.web_needs())
        self.assertIn("Einwilligung", response.text)
        self.assertIn('value="Sollingwerk Bevern GmbH"', response.text)
        self.assertIn("Drei Auszubildende Industriemechanik</textarea>", response.text)
        self.assertRegex(response.text, r'value="theory"\s+selected="selected"')

    def test_missing_and_invalid_fields(self):
        response = self.post(name="", email="kein-at-zeichen", district="berlin", area="magic",
                             topic="", participant_count="-4", wanted_start="2001-01-01")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.web_needs())
        text = response.text
        for message in ("Name:", "E-Mail:", "Kreis:", "Bereich:", "Was soll gelernt werden:",
                        "Teilnehmende:", "Gewünschter Beginn:"):
            self.assertIn(message, text)
        self.assertIn('value="kein-at-zeichen"', text)

    def test_oversized_input(self):
        response = self.post(topic="x" * 5000, description="y" * 10000)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.web_needs())
        self.assertIn("höchstens 200 Zeichen", response.text)
        self.assertIn("höchstens 2000 Zeichen", response.text)
        self.assertIn("x" * 5000, response.text, "what the visitor typed stays in the form")

    def test_script_is_stored_as_text_and_escaped(self):
        script = "<script>alert('x')</script>"
        response = self.post(consent=None, name=script, topic=script)
        self.assertNotIn(script, response.text)
        self.assertIn("&lt;script&gt;", response.text)
        self.post(topic=script, description=script)
        need = self.web_needs()
        self.assertEqual(need.topic, script, "stored as plain text, escaped when shown")

    def test_honeypot(self):
        response = self.post(homepage="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Vielen Dank", response.text)
        self.assertFalse(self.web_needs())

    def test_too_fast_and_forged_tokens(self):
        # Nobody fills in this form within an hour: every token is "too fast".
        self.env["ir.config_parameter"].sudo().set_param(
            "qnetz_guide.need_form_min_seconds", "3600")
        response = self.post(form_token=self.Need._qnetz_form_token())
        self.assertFalse(self.web_needs())
        self.assertIn("sehr schnell", response.text)
        self.assertIn('value="Sollingwerk Bevern GmbH"', response.text)
        self.env["ir.config_parameter"].sudo().set_param(
            "qnetz_guide.need_form_min_seconds", "3")
        forged = "%d.%s" % (time.time() - 60, "0" * 32)
        response = self.post(form_token=forged)
        self.assertFalse(self.web_needs())
        self.assertEqual(response.status_code, 200)
        response = self.post(form_token=self.Need._qnetz_form_token(time.time() - 3 * 86400))
        self.assertFalse(self.web_needs())
        self.assertIn("abgelaufen", response.text)

    def test_rate_limit_per_source(self):
        self.env["ir.config_parameter"].sudo().set_param("qnetz_guide.need_form_per_hour", "2")
        self.post()
        self.post()
        self.assertEqual(len(self.web_needs()), 2)
        response = self.post()
        self.assertEqual(len(self.web_needs()), 2)
        self.assertIn("später erneut", response.text)

    def test_post_without_csrf_is_refused(self):
        response = self.url_open("/bedarf-melden", data={"name": "x", "consent": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.web_needs())
