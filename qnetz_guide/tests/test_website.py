import re
from datetime import datetime, timedelta

from odoo import fields

from .common import GuideHttpCase

# Odoo's sample content that must not reach a visitor.
SAMPLE_TEXTS = (
    "Unser innovatives", "We are a team of passionate people", "Open Days in Los Angeles",
    "website-builder", "Super Produkte", "Great products for great people", "My Website",
    "Website localhost", "Business Software",
)


def dt(days, hour=7):
    return fields.Datetime.to_string(
        (datetime.utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0))


class TestWebsite(GuideHttpCase):

    def setUp(self):
        super(TestWebsite, self).setUp()
        Event = self.env["event.event"]
        self.course = Event.create({
            "name": "Kurs Glasperle Schweißen",
            "is_qnetz_course": True,
            "area": "practice",
            "state": "confirm",
            "date_begin": dt(3),
            "date_end": dt(5, 14),
            "date_tz": "Europe/Berlin",
            "seats_availability": "limited",
            "seats_max": 8,
            "fee_model": "per_participant",
            "fee_amount": 450.0,
            "funding_share": 40.0,
            "district_id": self.env.ref("qnetz_base.district_holzminden").id,
        })
        self.draft_course = Event.create({
            "name": "Kurs Glasperle Entwurf", "is_qnetz_course": True, "state": "draft",
            "date_begin": dt(3), "date_end": dt(5),
        })

    def assert_no_sample_content(self, html):
        for text in SAMPLE_TEXTS:
            self.assertNotIn(text, html)

    def test_home_page(self):
        response = self.url_open("/")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assert_no_sample_content(html)
        self.assertIn("Qualifizierungsnetzwerk Höxter-Holzminden", html)
        for door in ('href="/wegweiser"', 'href="/wegweiser/kurse"', 'href="/bedarf-melden"'):
            self.assertIn(door, html)
        self.assertIn("Land(auf)Schwung", html)
        self.assertIn("Nächste Kurse", html)
        self.assertIn('href="/wegweiser/kurse/%d"' % self.course.id, html)
        self.assertNotIn("Glasperle Entwurf", html)
        # Zoom is allowed; the footer links the legal pages.
        self.assertNotIn("user-scalable=no", html)
        self.assertIn('href="/impressum"', html)
        self.assertIn('href="/datenschutz"', html)

    def test_menu_and_titles(self):
        html = self.url_open("/wegweiser").text
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        self.assertEqual(title.strip(), "Wegweiser | Qualifizierungsnetzwerk Höxter-Holzminden")
        menu = re.search(r'<ul class="nav navbar-nav navbar-right" id="top_menu">(.*?)</ul>',
                         html, re.S).group(1)
        labels = [" ".join(label.split()) for label in re.findall(r"<span>(.*?)</span>", menu)]
        self.assertEqual(labels[:5], ["Start", "Wegweiser", "Kurse", "Bedarf melden", "Kontakt"])

    def test_sample_pages_are_gone(self):
        self.assertEqual(self.url_open("/aboutus").status_code, 404)
        html = self.url_open("/contactus").text
        self.assert_no_sample_content(html)
        self.assertNotIn("Contact us about anything", html)
        self.assertNotIn("Executive Park", html)
        events = self.url_open("/event").text
        self.assertNotIn("Open Days", events)
        self.assertNotIn("Conference on Business Apps", events)

    def test_clean_up_also_for_existing_databases(self):
        """What a database made before this version still holds goes on the next update."""
        env = self.env
        website = env["website"].create({"name": "My Website"})
        event = env["event.event"].create({
            "name": "Open Days in Los Angeles", "date_begin": dt(3), "date_end": dt(4)})
        env["ir.model.data"].search(
            [("module", "=", "event"), ("name", "=", "event_0")]).unlink()
        env["ir.model.data"].create({
            "module": "event", "name": "event_0", "model": "event.event", "res_id": event.id})
        env["website"]._qnetz_remove_sample_content()
        self.assertFalse(event.exists())
        self.assertEqual(website.name, "Qualifizierungsnetzwerk Höxter-Holzminden")
        # Running it again changes nothing and fails on nothing.
        env["website"]._qnetz_remove_sample_content()

    def test_legal_pages(self):
        company = self.env.ref("base.main_company")
        impressum = self.url_open("/impressum")
        self.assertEqual(impressum.status_code, 200)
        self.assertIn("§ 5 Digitale-Dienste-Gesetz", impressum.text)
        self.assertIn(company.name, impressum.text)
        # the operator's facts come from the company (the demo's examples): no placeholder
        self.assertFalse(company.legal_missing)
        self.assertNotIn("o_qnetz_placeholder", impressum.text)
        self.assertIn("Erika Mustermann (Vorsitzende)", impressum.text)
        company.company_registry = "VR 4711, Amtsgericht Glasperle"
        self.assertIn("VR 4711, Amtsgericht Glasperle", self.url_open("/impressum").text)
        privacy = self.url_open("/datenschutz").text
        self.assertNotIn("o_qnetz_placeholder", privacy)
        for value in (company.server_log_retention, company.need_retention, "01.11.2026"):
            self.assertIn(value, privacy)
        # a fact left empty: a marked placeholder on the page, named on the coordinator's form
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        company.sudo(coordinator).write({"legal_representatives": False,
                                         "server_log_retention": False})
        self.assertIn("o_qnetz_placeholder", self.url_open("/impressum").text)
        self.assertIn("o_qnetz_placeholder", self.url_open("/datenschutz").text)
        missing = company.sudo(coordinator).with_context(lang="de_DE").legal_missing
        self.assertEqual(missing, "Vertreten durch, Speicherdauer der Server-Protokolle")
        for part in ("Verantwortlicher", "Art. 6 Abs. 1 Buchst. a", "Wie lange",
                     "Ihre Rechte", "Bedarf melden", "Kundenportal", "Art. 77"):
            self.assertIn(part, privacy)
        # The consent box of the need form links the privacy notice.
        form = self.url_open("/bedarf-melden").text
        self.assertIn('href="/datenschutz#bedarf-melden"', form)

    def test_need_form_has_message_box(self):
        html = self.url_open("/bedarf-melden").text
        self.assertRegex(html, r'<textarea id="qnetz_description"[^>]*></textarea>')
        # The script that moves the focus to the error summary comes with the form alone.
        script = "/qnetz_guide/static/src/js/need_form.js"
        self.assertIn('src="%s"' % script, html)
        self.assertIn("qnetz_form_errors", self.url_open(script).text)

    def test_visitor_pages_are_light(self):
        """No JavaScript bundle for visitors on the network's pages; a sized logo."""
        pages = ["/", "/wegweiser", "/wegweiser/kurse", "/wegweiser/kurse/%d" % self.course.id,
                 "/bedarf-melden", "/impressum"]
        for url in pages:
            html = self.url_open(url).text
            self.assertFalse(re.findall(r'<script[^>]* src="/web/content/[^"]+\.js"', html), url)
            self.assertIn('src="/web/image/res.company/%d/logo/0x100"'
                          % self.env.user.company_id.id, html)
            # the phone menu opens without the bundle
            self.assertIn("classList.toggle('in')", html)
        # The course list is links and text: everything is there without a script.
        html = self.url_open("/wegweiser/kurse").text
        self.assertIn('href="/wegweiser/kurse/%d"' % self.course.id, html)
        self.assertIn("Kurs Glasperle Schweißen", html)
        logo = self.url_open("/web/image/res.company/%d/logo/0x100" % self.env.user.company_id.id)
        self.assertEqual(logo.status_code, 200)
        # Odoo's own pages, and logged-in users, keep the bundles.
        bundle = r'<script[^>]* src="/web/content/[^"]+web\.assets_frontend[^"]*\.js"'
        self.assertRegex(self.url_open("/event").text, bundle)
        self.authenticate("admin", "admin")
        self.assertRegex(self.url_open("/wegweiser/kurse").text, bundle)

    def test_course_catalogue_and_page(self):
        html = self.url_open("/wegweiser/kurse").text
        self.assertNotIn("Datumangaben", html)
        url = "/wegweiser/kurse/%d" % self.course.id
        self.assertIn('href="%s"' % url, html)
        without_scripts = re.sub(r"<script.*?</script>", "", html, flags=re.S)
        self.assertIsNone(re.search(r"\d\d:\d\d:\d\d", without_scripts))
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertRegex(text, r"\d\d\.\d\d\.\d{4} \d\d:\d\d – \d\d\.\d\d\.\d{4} \d\d:\d\d")
        self.assertIn("450,00 €", text)
        self.assertIn("270,00 €", text)  # the company's share after 40 % funding
        self.assertIn("Landkreis Holzminden", text)
        self.assertIn("/my/courses/%d" % self.course.id, text)
        draft = self.url_open("/wegweiser/kurse/%d" % self.draft_course.id)
        self.assertEqual(draft.status_code, 404)

    def test_search_finds_courses(self):
        for word in ("Schweißen", "schweissen", "Glasperle"):
            html = self.url_open("/wegweiser?search=%s" % word).text
            self.assertIn("Kurs Glasperle Schweißen", html, word)
        html = self.url_open("/wegweiser?search=Xylophonbau").text
        self.assertIn('href="/bedarf-melden"', html)
        self.assertIn("Bedarf", html)

    def test_bad_search_input_is_no_server_error(self):
        for query in ("%00", "abc%00def", "%ff%fe", "%c3%28", "%00" * 200):
            response = self.url_open("/wegweiser?search=" + query)
            self.assertIn(response.status_code, (200, 400), query)
