"""German where Odoo's defaults leave English or bad grammar: counts that agree with their
number, and the history the chatter writes (issue 24)."""
from odoo.tests.common import SavepointCase

from ..tools import count_text


class TestCountText(SavepointCase):
    """A number and its noun, by the plural rules of CLDR for each language of the network."""

    def text(self, lang, count, forms):
        return count_text(self.env(context={"lang": lang}), count, forms)

    def test_german_one_and_many(self):
        forms = "%d Rechnung zu bezahlen|%d Rechnungen zu bezahlen"
        self.assertEqual(self.text("de_DE", 1, forms), "1 Rechnung zu bezahlen")
        for count in (0, 2, 11, 21):
            self.assertEqual(self.text("de_DE", count, forms), "%d Rechnungen zu bezahlen" % count)

    def test_ukrainian_one_few_many(self):
        forms = "%d пропозиція|%d пропозиції|%d пропозицій"
        for count, form in ((1, 0), (21, 0), (2, 1), (4, 1), (22, 1), (5, 2), (11, 2),
                            (12, 2), (14, 2), (111, 2), (0, 2)):
            self.assertEqual(self.text("uk_UA", count, forms), forms.split("|")[form] % count,
                             count)

    def test_arabic_six_forms(self):
        forms = "zero|one|two|%d few|%d many|%d other"
        for count, form in ((0, "zero"), (1, "one"), (2, "two"), (3, "3 few"), (10, "10 few"),
                            (103, "103 few"), (11, "11 many"), (99, "99 many"),
                            (100, "100 other"), (102, "102 other")):
            self.assertEqual(self.text("ar_SY", count, forms), form)

    def test_a_translation_with_fewer_forms_takes_its_last(self):
        self.assertEqual(self.text("fa_IR", 3, "%d پیشنهاد"), "3 پیشنهاد")
        self.assertEqual(self.text("uk_UA", 5, "%d a|%d b"), "5 b")

    def test_the_users_language_without_one_in_the_context(self):
        user = self.env.ref("base.user_root")
        self.assertEqual(user.lang, "de_DE")
        self.assertEqual(count_text(self.env(context={}), 1, "%d Platz|%d Plätze"), "1 Platz")


class TestGermanHistory(SavepointCase):
    """The chatter's "<model> erstellt" names the model in German also when the record is
    made without a language in the context (a job, an RPC client, the demo data loading)."""

    def english_and_german_name(self, model):
        Model = self.env["ir.model"]
        english = Model.with_context(lang=None)._get(model).name
        german = Model.with_context(lang="de_DE")._get(model).name
        self.assertNotEqual(english, german, "the model has a German name")
        return english, german

    def test_a_record_made_without_a_language_is_logged_in_german(self):
        english, german = self.english_and_german_name("qnetz.target.profile")
        self.assertEqual(self.env.user.lang, "de_DE")
        env = self.env(context={})
        apprentice = env["res.partner"].create({"name": "Mia Beispiel"})
        profile = env["qnetz.target.profile"].create({"partner_id": apprentice.id})
        self.assertFalse(profile.env.context.get("lang"), "the caller's environment is kept")
        bodies = profile.message_ids.mapped("body")
        self.assertIn("<p>%s erstellt</p>" % german, bodies)
        self.assertFalse([b for b in bodies if english in b], bodies)

    def test_the_demo_history_is_german(self):
        """No "<English model name> erstellt" on the network's demo records."""
        data = self.env["ir.model.data"].search([
            ("module", "in", ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")),
            ("model", "!=", False)])
        english_names = {}
        for model in set(data.mapped("model")):
            if model in self.env and hasattr(self.env[model], "message_ids"):
                english, german = (self.env["ir.model"].with_context(lang=lang)._get(model).name
                                   for lang in (None, "de_DE"))
                if english != german:
                    english_names[model] = english
        self.assertIn("qnetz.offer", english_names)
        demo = {(d.model, d.res_id) for d in data if d.model in english_names}
        messages = self.env["mail.message"].search([
            ("model", "in", list(english_names)), ("res_id", "in", [i for _m, i in demo])])
        english = {(m.model, m.body) for m in messages
                   if (m.model, m.res_id) in demo and "<p>%s erstellt</p>" % english_names[
                       m.model] in (m.body or "")}
        self.assertFalse(english, "English names in the demo's history")
        # and in the network's words: a course is a "Kurs", not Odoo's "Anlass"
        events = self.env["mail.message"].search([
            ("model", "=", "event.event"),
            ("res_id", "in", [i for m, i in demo if m == "event.event"])])
        self.assertTrue(events)
        self.assertFalse(events.filtered(lambda m: "Anlass" in (m.body or "")).mapped("body"))
