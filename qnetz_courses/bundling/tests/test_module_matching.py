from odoo.exceptions import UserError

from . import bundle_dataset
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
        # qualifying confirms the suggestion; a module chosen by hand stays
        other.action_qualify()
        self.assertEqual(other.module_id, flowers)
        chosen = self._need("Blumenstecken", area="practice", module_id=self.welding.id)
        chosen.action_qualify()
        self.assertEqual(chosen.module_id, self.welding)

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


class TestLabelledSet(QnetzCoursesCase):
    """The catalogue of the demo against a labelled set of needs."""

    def test_labelled_set_precision_recall(self):
        """The proposals group a realistic set of 240 needs as a coordinator would."""
        labels = bundle_dataset.load(self.env)
        self.assertGreaterEqual(len(labels), 200)
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
