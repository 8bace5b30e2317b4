from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase
from odoo.addons.qnetz_courses.spine.course_time import course_today


class TestNeedReferral(SavepointCase):
    """Needs served by an offer of the guide instead of a course, and how the figures
    count them."""

    @classmethod
    def setUpClass(cls):
        super(TestNeedReferral, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="de_DE", tracking_disable=True,
                                       mail_notrack=True, no_reset_password=True))
        env = cls.env
        # a district of its own: the figures of the test are only its needs
        cls.district = env["qnetz.district"].create({
            "name": "Testkreis Weserbogen", "code": "TWB", "place": "holzminden",
            "state_id": env.ref("qnetz_base.district_holzminden").state_id.id})
        cls.company = env["res.partner"].create({
            "name": "Verweisbetrieb GmbH", "is_company": True, "is_training_company": True,
            "district_id": cls.district.id})
        cls.apprentice = env["res.partner"].create({
            "name": "Samir Haddad", "is_apprentice": True, "employer_id": cls.company.id})
        env["qnetz.target.profile"].create({
            "partner_id": cls.apprentice.id, "is_refugee": True,
            "consent_date": "2026-01-10", "consent_given_by": "Samir Haddad",
            "consent_purpose": "Vermittlung in Kurse und Angebote"})
        cls.language_offer = env.ref("qnetz_guide.offer_berufssprachkurs_azubi_demo")

    def _need(self, **values):
        vals = {"partner_id": self.company.id, "area": "language",
                "topic": "Deutsch für die Berufsschule", "participant_count": 1}
        vals.update(values)
        return self.env["qnetz.need"].create(vals)

    def test_refugee_with_language_need_gets_the_vocational_language_course(self):
        need = self._need(apprentice_ids=[(6, 0, self.apprentice.ids)])
        self.assertIn(self.language_offer, need.offer_suggestion_ids)
        need.action_use_suggested_offer()
        self.assertTrue(need.referral_offer_id)
        # a practical need of a company without profiles: no language offer
        other = self._need(area="practice", topic="CNC-Fräsen")
        self.assertNotIn(self.language_offer, other.offer_suggestion_ids)

    def test_refer_and_take_up_again(self):
        need = self._need()
        with self.assertRaises(UserError):
            need.action_refer()
        need.referral_offer_id = self.language_offer
        need.action_refer()
        self.assertEqual(need.state, "referred")
        with self.assertRaises(UserError):
            need.action_mark_served()
        need.action_qualify()
        self.assertEqual(need.state, "qualified")

    def test_referrals_add_up_with_served_and_open_needs(self):
        Need = self.env["qnetz.need"]
        new = self._need()
        qualified = self._need()
        qualified.action_qualify()
        referred = self._need(referral_offer_id=self.language_offer.id)
        referred.action_refer()
        withdrawn = self._need()
        withdrawn.action_withdraw()
        course = self.env["event.event"].create({
            "name": "Deutsch im Betrieb", "is_qnetz_course": True, "area": "language",
            "district_id": self.district.id, "date_begin": "2030-03-02 07:00:00",
            "date_end": "2030-03-30 15:00:00", "seats_max": 10})
        served = self._need() | self._need()
        served.action_qualify()
        served.write({"course_id": course.id, "state": "bundled"})
        self.assertEqual(len(new | qualified | referred | withdrawn | served), 6)
        self.assertEqual(Need.search_count([("district_id", "=", self.district.id)]), 6)
        # the figures' days are the network's (after 23:00 UTC, Berlin's is the next one)
        today = course_today()
        figures = self.env["qnetz.report.figures"].compute(today, today, [self.district.id])
        totals = figures["totals"]
        self.assertEqual(totals["needs"], 6)
        self.assertEqual(totals["needs_referred"], 1)
        self.assertEqual(totals["needs_served"], 2)
        self.assertEqual(
            totals["needs_served"] + totals["needs_referred"] + totals["needs_state_new"]
            + totals["needs_state_qualified"] + totals["needs_state_withdrawn"],
            totals["needs"])
