from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase

from .common import GuideDataMixin, days


class TestOfferSearch(GuideDataMixin, SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestOfferSearch, cls).setUpClass()
        cls._qnetz_fixtures(cls.env)
        cls.public = cls.env.ref("base.public_user")

    def search(self, selected=None, search=None):
        ids, counts = self.Offer.sudo(self.public)._qnetz_search(search or self.MARKER, selected)
        return self.Offer.browse(ids), counts

    def test_search_text_finds_only_visible_offers(self):
        offers, counts = self.search()
        self.assertEqual(offers, self.visible)

    def test_search_every_word_must_match(self):
        offers, _counts = self.search(search="%s Nachhilfe" % self.MARKER)
        self.assertEqual(offers, self.offer_tutoring)
        offers, _counts = self.search(search="%s Nachhilfe Sprachkurs" % self.MARKER)
        self.assertFalse(offers)

    def test_search_finds_institution_and_description(self):
        offers, _counts = self.search(search="Weserbogen Betriebe")
        self.assertEqual(offers, self.offer_money)

    def test_like_wildcards_match_themselves(self):
        offers, _counts = self.search(search="%s %%" % self.MARKER)
        self.assertFalse(offers, "'%' must not act as a wildcard")
        offers, _counts = self.search(search="%s _" % self.MARKER)
        self.assertFalse(offers, "'_' must not act as a wildcard")

    def test_filter_within_facet_is_or_across_facets_is_and(self):
        offers, _counts = self.search({"topic": {"language", "tutoring"}})
        self.assertEqual(offers, self.offer_language | self.offer_tutoring)
        offers, _counts = self.search({"topic": {"language", "tutoring"}, "region": {"holzminden"}})
        self.assertEqual(offers, self.offer_tutoring)

    def test_region_both_is_found_under_either_district(self):
        offers, _counts = self.search({"region": {"hoexter"}})
        self.assertEqual(offers, self.offer_language | self.offer_money)

    def test_filter_cost_and_language(self):
        offers, _counts = self.search({"cost": {"fee"}})
        self.assertEqual(offers, self.offer_language)
        offers, _counts = self.search({"language": {"ar"}})
        self.assertEqual(offers, self.offer_language)

    def test_facet_counts_ignore_own_selection(self):
        _offers, counts = self.search({"target": {"refugees"}})
        # Other options of the same facet count as if it were not selected ...
        self.assertEqual(counts["target"]["refugees"], 2)
        self.assertEqual(counts["target"]["companies"], 1)
        # ... other facets count within the current result.
        self.assertEqual(counts["topic"], {"language": 1, "tutoring": 1})
        self.assertEqual(counts["cost"], {"fee": 1, "free": 1})

    def test_query_count_does_not_grow_with_offers(self):
        Offer = self.Offer.sudo(self.public)

        def queries():
            Offer._qnetz_search("", {"topic": {"language"}})  # warm the caches
            Offer.invalidate_cache()
            before = self.cr.sql_log_count
            Offer._qnetz_search("", {"topic": {"language"}, "region": {"hoexter"}})
            return self.cr.sql_log_count - before

        few = queries()
        for index in range(40):
            self.offer_language.copy({"name": "Kopie %d" % index, "website_published": True})
        self.assertEqual(queries(), few)

    def test_clean_search_cuts_long_input(self):
        text, cut = self.Offer._qnetz_clean_search("  a   b  ")
        self.assertEqual((text, cut), ("a b", False))
        text, cut = self.Offer._qnetz_clean_search("x" * 5000)
        self.assertTrue(cut)
        self.assertEqual(len(text), 100)
        text, cut = self.Offer._qnetz_clean_search("a b c d e f g h")
        self.assertEqual((text, cut), ("a b c d e f", True))

    def test_application_steps(self):
        self.assertEqual(self.offer_language._qnetz_application_steps(),
                         ["Anrufen", "Termin machen", "Hingehen"])

    def test_website_url_is_slug(self):
        self.assertRegex(self.offer_language.website_url,
                         r"^/wegweiser/zebrafink-sprachkurs-%d$" % self.offer_language.id)


class TestOfferAccess(GuideDataMixin, SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestOfferAccess, cls).setUpClass()
        cls._qnetz_fixtures(cls.env)
        cls.public = cls.env.ref("base.public_user")
        cls.coordinator = cls.env.ref("qnetz_base.user_coordinator_demo")
        cls.network_user = cls.env["res.users"].create({
            "name": "Netzwerk Leser", "login": "guide_reader",
            "groups_id": [(6, 0, [cls.env.ref("qnetz_base.group_qnetz_user").id])]})
        cls.employee = cls.env["res.users"].create({
            "name": "Mitarbeiterin", "login": "guide_employee",
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])]})
        cls.portal = cls.env["res.users"].create({
            "name": "Portal", "login": "guide_portal",
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls.all_offers = cls.visible | cls.hidden

    def visible_for(self, user):
        return self.Offer.sudo(user).search([("id", "in", self.all_offers.ids)])

    def test_visitors_see_only_published_valid_offers(self):
        for user in (self.public, self.portal, self.employee):
            self.assertEqual(self.visible_for(user), self.visible, user.login)
            with self.assertRaises(AccessError):
                self.offer_expired.sudo(user).read(["name"])

    def test_network_users_read_all(self):
        self.assertEqual(self.visible_for(self.network_user), self.all_offers)
        self.assertEqual(self.visible_for(self.coordinator), self.all_offers)

    def test_only_coordinator_writes(self):
        for user in (self.public, self.portal, self.employee, self.network_user):
            with self.assertRaises(AccessError):
                self.offer_language.sudo(user).write({"name": "x"})
            with self.assertRaises(AccessError):
                self.Offer.sudo(user).create({
                    "name": "x", "summary": "y", "institution_id": self.institution.id})
        self.offer_language.sudo(self.coordinator).write({"cost_note": "Neu"})
        self.assertEqual(self.offer_language.cost_note, "Neu")
        self.assertTrue(self.Offer.check_access_rights("unlink", raise_exception=False))
        self.assertFalse(self.Offer.sudo(self.network_user).check_access_rights(
            "write", raise_exception=False))

    def test_facet_models_read_only_for_visitors(self):
        for model in ("qnetz.offer.target.group", "qnetz.offer.topic", "qnetz.offer.language"):
            records = self.env[model].sudo(self.public).search([])
            self.assertTrue(records)
            with self.assertRaises(AccessError):
                records[0].sudo(self.public).write({"name": "x"})
            self.assertTrue(self.env[model].sudo(self.coordinator).check_access_rights(
                "create", raise_exception=False))

    def test_publicly_visible_flag(self):
        self.assertTrue(all(self.visible.mapped("is_publicly_visible")))
        self.assertFalse(any(self.hidden.mapped("is_publicly_visible")))


class TestOfferContent(GuideDataMixin, SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestOfferContent, cls).setUpClass()
        cls._qnetz_fixtures(cls.env)

    def test_description_html_is_sanitised(self):
        dirty = ('<p onclick="alert(1)">Hallo<script>alert("x")</script></p>'
                 '<img src=x onerror=alert(2)>')
        self.offer_money.write({"description": dirty})
        self.assertNotIn("<script", self.offer_money.description)
        self.assertNotIn("onclick", self.offer_money.description)
        self.assertNotIn("onerror", self.offer_money.description)
        self.assertIn("Hallo", self.offer_money.description)

    def test_description_sanitised_in_every_language(self):
        # Odoo 11 writes the translation of a record created in German unsanitised;
        # the model cleans the value first.
        dirty = "<p>Text</p><script>alert(1)</script>"
        offer = self.Offer.with_context(lang="de_DE").create({
            "name": "Sprachtest", "summary": "s", "institution_id": self.institution.id,
            "description": dirty})
        for lang in ("de_DE", "en_US"):
            value = offer.with_context(lang=lang).description
            self.assertNotIn("<script", value or "", lang)
        offer.with_context(lang="de_DE").write({"description": dirty})
        self.assertNotIn("<script", offer.with_context(lang="de_DE").description)

    def test_description_resanitised_when_shown(self):
        # The description is translated term by term; a term edited directly in
        # ir.translation never passes the field's sanitiser. Odoo refuses some bad
        # terms itself; whatever it accepts is cleaned when shown.
        for value in ('Money for <b onmouseover="alert(1)">companies</b>',
                      "Money for <b>companies</b><script>alert(1)</script>"):
            try:
                with self.env.cr.savepoint():
                    self.env["ir.translation"].create({
                        "name": "qnetz.offer,description", "type": "model", "lang": "en_US",
                        "res_id": self.offer_money.id, "src": "Geld für <b>Betriebe</b>",
                        "value": value, "state": "translated"})
            except ValidationError:
                continue
            self.offer_money.invalidate_cache()
            html = self.offer_money.with_context(lang="en_US")._qnetz_description_html()
            self.assertIn("companies", html)
            self.assertNotIn("<script", html)
            self.assertNotIn("onmouseover", html)

    def test_english_description_of_demo_offer(self):
        offer = self.env.ref("qnetz_guide.offer_asa_flex_hoexter_demo")
        self.assertIn("<strong>Training companies</strong>",
                      offer.with_context(lang="en_US").description)
        self.assertIn("<strong>Ausbildungsbetriebe</strong>",
                      offer.with_context(lang="de_DE").description)

    def test_external_link_must_be_web_address(self):
        with self.assertRaises(ValidationError):
            self.offer_money.write({"external_url": "javascript:alert(1)"})
        self.offer_money.write({"external_url": "https://www.arbeitsagentur.de"})

    def test_validity_dates_in_order(self):
        with self.assertRaises(ValidationError):
            self.offer_money.write({"date_start": days(5), "date_end": days(1)})

    def test_english_version_of_demo_offer(self):
        offer = self.env.ref("qnetz_guide.offer_asa_flex_hoexter_demo")
        self.assertIn("Assistierte Ausbildung", offer.with_context(lang="de_DE").name)
        self.assertEqual(offer.with_context(lang="en_US").name,
                         "Assisted Training (AsA flex) in Kreis Höxter")

    def test_demo_offers(self):
        offers = self.Offer.search([("id", "not in", (self.visible | self.hidden).ids)])
        self.assertGreaterEqual(len(offers), 30)
        self.assertTrue(all(offers.mapped("institution_id.is_support_institution")))

    def test_website_is_german_first(self):
        website = self.env.ref("website.default_website")
        self.assertEqual(website.default_lang_id.code, "de_DE")
        # German first; English, and the languages of the people the guide is for.
        self.assertEqual(set(website.language_ids.mapped("code")),
                         {"de_DE", "en_US", "ar_SY", "fa_IR", "uk_UA"})
        self.assertEqual(self.env.ref("base.lang_ar_SY").direction, "rtl")
        self.assertEqual(self.env.ref("base.lang_fa_IR").direction, "rtl")
