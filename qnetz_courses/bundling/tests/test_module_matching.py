from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

from . import bundle_dataset
from .. import matcher, matcher_words
from ...tests.common import QnetzCoursesCase


class TestModuleMatching(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(TestModuleMatching, cls).setUpClass()
        cls.Module = cls.env["qnetz.course.module"]
        # the catalogue of the demo would compete with the modules of these tests
        cls.Module.search([]).write({"active": False})
        cls.metal = cls.Module.create({
            "name": "Testmodul Fachrechnen Metall", "area": "theory", "hours": 40,
            "keywords": "Fachrechnen, technische Mathematik, Mathe für Metaller",
            "occupation_ids": [(6, 0, cls.occupation.ids)]})
        cls.electro = cls.Module.create({
            "name": "Testmodul Fachrechnen Elektro", "area": "theory", "hours": 40,
            "keywords": "Fachrechnen, technische Mathematik, Ohmsches Gesetz",
            "occupation_ids": [(6, 0, cls.env.ref("qnetz_base.occupation_elektroniker").ids)]})
        cls.welding = cls.Module.create({
            "name": "Testmodul Schweißen", "area": "practice",
            "keywords": "Schweißen\nSchweißkurs; MAG-Schweißen"})

    def _need(self, topic, **values):
        vals = {"partner_id": self.company_a.id, "area": "theory", "topic": topic,
                "occupation_id": self.occupation.id}
        vals.update(values)
        return self.env["qnetz.need"].create(vals)

    def test_extensions_present(self):
        self.env.cr.execute("SELECT extname FROM pg_extension WHERE extname IN "
                            "('pg_trgm', 'unaccent')")
        self.assertEqual(len(self.env.cr.fetchall()), 2)

    def test_wordings_typos_and_occupation(self):
        self.assertEqual(self._need("Mathe für Metaller").match_module_id, self.metal)
        self.assertEqual(self._need("Fachrechenen").match_module_id, self.metal)
        # the same words for an electronics technician: the electrical module
        electro = self._need("Technische Mathematik",
                             occupation_id=self.env.ref("qnetz_base.occupation_elektroniker").id)
        self.assertEqual(electro.match_module_id, self.electro)
        # full-text stems and spelling: "Schweisskurs" is "Schweißkurs"
        self.assertEqual(self._need("Schweisskurs", area="practice").match_module_id,
                         self.welding)
        self.assertEqual(self._need("Blumenstecken").match_module_id,
                         self.Module.browse())
        # the suggestions of the form, best first; a module for other occupations only
        # is not suggested
        need = self._need("Fachrechnen", occupation_id=False)
        self.assertEqual(need.module_suggestion_ids, self.metal | self.electro)
        need = self._need("Fachrechnen")
        self.assertEqual(need.module_suggestion_ids, self.metal)

    def test_rematch_on_change_and_confirm_on_qualify(self):
        need = self._need("Blumenstecken")
        self.assertFalse(need.match_module_id)
        need.topic = "MAG-Schweißen"
        need.area = "practice"
        self.assertEqual(need.match_module_id, self.welding)
        flowers = self.Module.create({"name": "Floristik", "area": "practice",
                                      "keywords": "Blumenstecken"})
        other = self._need("Blumenstecken", area="practice")
        self.assertEqual(other.match_module_id, flowers)
        # qualifying adopts a confident suggestion; a module chosen by hand stays
        self.assertTrue(other.match_confident)
        self.assertIn("blumenstecken", other.match_reason)
        other.action_qualify()
        self.assertEqual(other.module_id, flowers)
        chosen = self._need("Blumenstecken", area="practice", module_id=self.welding.id)
        chosen.action_qualify()
        self.assertEqual(chosen.module_id, self.welding)

    def test_qualifying_adopts_only_from_the_confidence_set(self):
        need = self._need("Fachrechnen", occupation_id=False)
        # two modules explain the word equally: the coordinator chooses
        self.assertEqual(need.match_module_id, self.metal)
        self.assertLess(need.match_score, 0.75)
        self.assertFalse(need.match_confident)
        need.action_qualify()
        self.assertFalse(need.module_id)
        # the level is a setting of the coordinator's
        self.env["ir.config_parameter"].sudo().set_param(
            "qnetz_courses.match_adopt_confidence", "0.5")
        lower = self._need("Fachrechnen", occupation_id=False)
        self.assertTrue(lower.match_confident)
        lower.action_qualify()
        self.assertEqual(lower.module_id, self.metal)

    def test_bundle_wizard_proposes_only_a_confident_module(self):
        Wizard = self.env["qnetz.bundle.wizard"]
        # two modules explain "Fachrechnen" alike: a candidate, not the wizard's choice
        unsure = self._need("Fachrechnen", occupation_id=False)
        self.assertEqual(unsure.match_module_id, self.metal)
        self.assertFalse(unsure.match_confident)
        wizard = Wizard.with_context(active_model="qnetz.need",
                                     active_ids=unsure.ids).create({"name": "Rechnen"})
        self.assertFalse(wizard.module_id)
        self.assertEqual(wizard.candidate_module_ids, self.metal)
        # a confident suggestion is proposed; the others' suggestions stay candidates
        sure = self._need("MAG-Schweißen", area="practice")
        self.assertTrue(sure.match_confident)
        wizard = Wizard.with_context(active_model="qnetz.need",
                                     active_ids=sure.ids).create({"name": "Schweißen"})
        self.assertEqual(wizard.module_id, self.welding)
        self.assertFalse(wizard.candidate_module_ids)
        wizard = Wizard.with_context(active_model="qnetz.need",
                                     active_ids=(sure | unsure).ids).create({"name": "Beide"})
        self.assertFalse(wizard.module_id)
        self.assertEqual(wizard.candidate_module_ids, self.metal | self.welding)

    def test_choices_are_kept_and_teach_the_matcher(self):
        Feedback = self.env["qnetz.match.feedback"]
        need = self._need("Lötkolben Übungen", area="practice")
        self.assertFalse(need.match_module_id)
        # a correction: the coordinator chose the welding module for these words
        need.module_id = self.welding
        choice = Feedback.search([("need_id", "=", need.id)])
        self.assertEqual((choice.kind, choice.module_id, choice.topic),
                         ("corrected", self.welding, "Lötkolben Übungen"))
        # from now on the words count for that module
        later = self._need("Übungen am Lötkolben", area="practice")
        self.assertEqual(later.match_module_id, self.welding)
        self.assertIn("lotkolben", later.match_reason)
        # a confirmation of a suggestion is kept as such
        later.action_use_suggested_module()
        self.assertEqual(Feedback.search([("need_id", "=", later.id)]).kind, "confirmed")

    def test_request_quotes_needs_a_module(self):
        self.env["qnetz.need"].search([("state", "=", "qualified")]).action_withdraw()
        need = self._need("Blumenstecken")
        need.action_qualify()
        proposal = self.env["qnetz.bundle.proposal"].search([]).filtered(
            lambda p: need in p.need_ids)
        self.assertEqual(len(proposal), 1)
        self.assertFalse(proposal.module_id)
        with self.assertRaises(UserError):
            proposal.action_request_quotes()


class TestCatalogueMatching(QnetzCoursesCase):
    """The demo catalogue against the wordings that the old matcher got wrong (issue 23):
    each test is one class of miss."""

    def _need(self, topic, area="general", occupation=None, **values):
        vals = {"partner_id": self.company_a.id, "area": area, "topic": topic,
                "occupation_id": occupation and self.env.ref(
                    "qnetz_base.occupation_" + occupation).id}
        vals.update(values)
        return self.env["qnetz.need"].create(vals)

    def module(self, key):
        return self.env.ref("qnetz_courses.course_module_%s_demo" % key)

    def assertMatch(self, topic, key, area="general", occupation=None, **values):
        need = self._need(topic, area=area, occupation=occupation, **values)
        self.assertEqual(need.match_module_id, self.module(key) if key else
                         self.env["qnetz.course.module"], "%r: %s (%.2f: %s)" % (
                             topic, need.match_module_id.name, need.match_score,
                             need.match_reason))
        return need

    def test_a_language_need_is_not_a_trade_course(self):
        # "Küche" weighs little (several modules use it); the German module for the
        # kitchen explains both words
        self.assertMatch("Deutsch für Küche", "deutsch_gastro", area="practice")
        self.assertMatch("Deutsch für die Küche", "deutsch_gastro", area="language")
        # English wording of a German course: not "Technical English"
        self.assertMatch("German course for work", "deutsch_b1", area="language")

    def test_rare_words_outweigh_an_area_and_generic_words(self):
        self.assertMatch("Fleischer Zerlegen Schwein", "fleischzerlegung", area="practice")
        self.assertMatch("Werkstoffkunde Stahl", "werkstoffkunde_metall", area="theory")
        # the area picked differs from the module's: a weak hint, not a filter
        self.assertMatch("Kommissionieren", "lagerprozesse", area="general")
        # one generic word alone is no evidence for any module
        for topic in ("Grundlagen", "Technik", "Praxis"):
            self.assertMatch(topic, None, area="theory")

    def test_near_spelling_of_another_word_is_not_a_match(self):
        # "Messtechnik" is a word of the catalogue: it is not read as "Messertechnik"
        need = self.assertMatch("Messtechnik Messschieber", "pruefen_messen_metall",
                                area="practice")
        self.assertIn("messschieber", need.match_reason)
        self.assertMatch("Messertechnik", "kueche_grundtechniken", area="practice")
        # a spelling slip is suggested, but never confidently: qualifying leaves it
        need = self.assertMatch("Fachrechenen", "fachrechnen_metall", area="theory",
                                occupation="industriemechaniker")
        self.assertIn("fachrechenen?", need.match_reason)
        self.assertFalse(need.match_confident)
        need.action_qualify()
        self.assertFalse(need.module_id)

    def test_exact_module_name_wins_over_the_area(self):
        need = self.assertMatch("Fachrechnen Metall", "fachrechnen_metall", area="general")
        self.assertTrue(need.match_confident)

    def test_occupation_and_level_written_in_the_text(self):
        # no occupation chosen in the form: the one written in the topic counts
        self.assertMatch("Mathe für Zerspanungsmechaniker", "fachrechnen_metall")
        self.assertMatch("Mathe Zerspaner", "fachrechnen_metall", area="theory")
        self.assertMatch("Technische Mathematik für Elektroniker", "fachrechnen_elektro",
                         area="theory")
        self.assertMatch("Deutsch B2", "deutsch_beruf_b2", area="language")
        self.assertMatch("deutschkurs a2 für neue Mitarbeiter", "deutsch_beruf_a2",
                         area="language")
        self.assertMatch("Deutsch B1", "deutsch_b1", area="language")

    def test_the_regions_trades_have_modules(self):
        for topic, key, area in (
                ("Wurst herstellen Brühwurst", "wurstherstellung", "practice"),
                ("Sauerteig führen", "brot_sauerteig", "practice"),
                ("KNX Programmierung ETS", "knx", "practice"),
                ("Photovoltaik Anlagen montieren", "photovoltaik", "practice"),
                ("Ladungssicherung LKW", "ladungssicherung", "practice"),
                ("DATEV Buchhaltung", "datev", "general"),
                ("Umgang mit Demenz", "demenz", "practice"),
                ("Staplerschein", "gabelstapler", "practice"),
                ("Gabelstapler Fahrausweis", "gabelstapler", "practice")):
            self.assertMatch(topic, key, area=area)

    # classes of miss found on the development half of the evaluation set (issue 23);
    # the examples are written for these tests, not taken from the set

    def test_umlauts_written_as_two_letters_but_not_after_a_vowel(self):
        self.assertEqual(matcher.fold("Kueche Groesse Aerger"), "kuche grosse arger")
        # "Steuer", "Bauer", "neue" are no umlauts
        self.assertEqual(matcher.fold("Steuer Bauer neue"), "steuer bauer neue")
        self.assertMatch("Kueche Grundtechniken", "kueche_grundtechniken", area="practice")

    def test_words_written_small_are_how_a_need_is_put(self):
        # a need that capitalises its nouns: the small words say little about the topic
        self.assertMatch("Hydraulikpläne lesen fällt dem Lehrling schwer",
                         "hydraulik_pneumatik", area="theory")
        self.assertMatch("Der Lehrling scheitert ständig am Dreisatz", "mathe_grundlagen")

    def test_a_compound_of_a_generic_word_is_a_word_of_its_own(self):
        # "Bühnentechnik" is no "CNC-Technik" and no slip of "Messtechnik"
        self.assertMatch("Bühnentechnik Grundlagen Holz", None, area="practice")

    def test_english_words_and_abbreviations(self):
        self.assertMatch("CNC turning", "cnc_drehen", area="practice")
        self.assertMatch("Doku in der Altenpflege", "pflegedokumentation", area="theory")
        self.assertMatch("Vorbereitung ZP Teil 1", "lerntechniken")
        # the lists are data with their sources, applied to any catalogue
        for table in (matcher_words.ENGLISH, matcher_words.ABBREVIATIONS):
            self.assertTrue(all(word == word.lower() for word in table))

    def test_an_occupation_the_network_does_not_serve(self):
        # "Holz..." is the head of a compound that names another occupation
        self.assertMatch("Holzspielzeugmacher Ausbildung", None, area="practice")
        self.assertEqual(matcher.other_occupation("bankkaufleute"), "other:bankkaufleute")
        self.assertIsNone(matcher.other_occupation("fachkraft"))

    def test_a_trade_need_with_language_support(self):
        # the content is the need; the German asks for support (the welding course, not a
        # German course), while a need for German for a trade stays a language need
        self.assertMatch("Schweißkurs MAG, Teilnehmer spricht wenig Deutsch", "schweissen",
                         area="practice")
        self.assertMatch("Deutsch für die Küche", "deutsch_gastro", area="language")

    def test_words_agreeing_on_a_module(self):
        # three words of one module are evidence each, not diluted by the two it lacks:
        # confident enough for qualifying to adopt
        need = self.assertMatch("Hochvolt Sicherheit Elektroauto Werkstatt Freischalten",
                                "hochvolt", area="theory")
        self.assertTrue(need.match_confident)
        self.assertMatch("Wareneingang prüfen und Ware einlagern im Hochregal",
                         "lagerprozesse", area="practice")

    def test_a_word_many_modules_share_names_no_module(self):
        # the language track has a dozen German modules: "Deutschkurs" names none of them
        self.assertMatch("Deutschkurs", None, area="language")

    def test_alternatives_written_with_a_slash(self):
        # one alternative the catalogue knows is enough; the other is not unexplained
        need = self.assertMatch("Hubwagen / Gabelstapler", "gabelstapler", area="practice")
        self.assertTrue(need.match_confident)

    def test_an_occupation_a_module_serves_is_explained_by_it(self):
        # "Kfz-Mechatroniker" is no word of the high-voltage module, but its occupation
        need = self.assertMatch("Hochvolt Kfz-Mechatroniker", "hochvolt", area="theory")
        self.assertIn("kfz", need.match_reason)
        self.assertTrue(need.match_confident)

    def test_a_slip_in_a_compound_of_a_generic_word(self):
        # one letter missing: still read as a slip, never confidently
        need = self.assertMatch("Elektotechnik", "elektrotechnik", area="theory")
        self.assertFalse(need.match_confident)

    def test_no_module_when_nothing_fits(self):
        for topic in ("Yoga für Mitarbeiter", "Führerschein Klasse B", "asdf",
                      "Azubi gesucht", "Meisterschule"):
            self.assertMatch(topic, None)
        # they are grouped by their words for the coordinator: candidates for a module
        first = self._need("Drohnenführerschein für Dachvermessung")
        second = self._need("drohnenführerschein dachvermessung")
        self.assertEqual(first.topic_key, second.topic_key)
        action = self.env.ref("qnetz_courses.qnetz_need_action_module_candidates")
        candidates = self.env["qnetz.need"].search(safe_eval(action.domain))
        self.assertIn(first, candidates)
        self.assertNotIn(self._need("KNX"), candidates)


class TestLabelledSet(QnetzCoursesCase):
    """The catalogue of the demo against a labelled set of needs."""

    def test_labelled_set_precision_recall(self):
        """The proposals group a realistic set of 240 needs as a coordinator would."""
        labels = bundle_dataset.load(self.env)
        self.assertGreaterEqual(len(labels), 200)
        precision, _recall, _accuracy = bundle_dataset.score(self.env, labels)
        # qualifying adopted only confident suggestions: those are right, and the groups
        # hold no strangers
        self.assertGreaterEqual(precision, 0.9, bundle_dataset.mistakes(self.env, labels))
        needs = self.env["qnetz.need"].browse(list(labels))
        with_module = needs.filtered(lambda n: not labels[n.id].startswith("topic:"))
        adopted = with_module.filtered("module_id")
        right = adopted.filtered(lambda n: n.module_id == self.env.ref(labels[n.id]))
        self.assertGreaterEqual(len(right) / len(adopted), 0.95,
                                bundle_dataset.mistakes(self.env, labels))
        self.assertGreaterEqual(len(adopted) / len(with_module), 0.6)
        # the coordinator accepts the suggestions left to check: they are right too
        needs.filtered(lambda n: not n.module_id).action_use_suggested_module()
        precision, recall, accuracy = bundle_dataset.score(self.env, labels)
        self.assertGreaterEqual(precision, 0.9, bundle_dataset.mistakes(self.env, labels))
        self.assertGreaterEqual(recall, 0.9, bundle_dataset.mistakes(self.env, labels))
        self.assertGreaterEqual(accuracy, 0.9)
        # each module's needs are one proposal per side of the Weser at most
        Proposal = self.env["qnetz.bundle.proposal"]
        module = self.env.ref("qnetz_courses.course_module_cnc_drehen_demo")
        proposals = Proposal.search([("module_id", "=", module.id)])
        self.assertLessEqual(len(proposals), 2)
        self.assertTrue(proposals)
