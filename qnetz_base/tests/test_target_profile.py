from odoo.exceptions import ValidationError

from .common import QnetzCase


class TestTargetProfile(QnetzCase):

    def _profile(self, **values):
        vals = {"partner_id": self.apprentice.id}
        vals.update(values)
        return self.env["qnetz.target.profile"].sudo(self.coordinator).create(vals)

    def test_markers_need_consent(self):
        for marker in ({"learning_difficulties": True}, {"gap_general": True},
                       {"gap_theory": True}, {"gap_practice": True}, {"is_refugee": True},
                       {"language_level": "a2"}):
            with self.assertRaisesRegex(
                    ValidationError, "Datum der Einwilligung, Einwilligung erteilt von, "
                                     "Zweck der Einwilligung: "), \
                    self.env.cr.savepoint():
                self._profile(**marker)

    def test_each_consent_field_is_required(self):
        for missing in ("consent_date", "consent_given_by", "consent_purpose"):
            vals = dict(self._consent(), is_refugee=True, language_level="b1")
            vals[missing] = False
            with self.assertRaisesRegex(ValidationError, "Einwilligung"), self.env.cr.savepoint():
                self._profile(**vals)

    def test_profile_with_consent(self):
        profile = self._profile(is_refugee=True, language_level="a2", gap_theory=True,
                                **self._consent())
        self.assertEqual(profile.partner_id, self.apprentice)
        # Non-identifying context is copied for the statistics.
        self.assertEqual(profile.district_id, self.district_hx)
        self.assertTrue(profile.employer_is_sme)
        self.assertTrue(profile.first_reached_date)
        self.assertEqual(self.apprentice.sudo(self.coordinator).target_profile_count, 1)

    def test_removing_consent_while_markers_stay_is_refused(self):
        profile = self._profile(learning_difficulties=True, **self._consent())
        with self.assertRaisesRegex(ValidationError, "Einwilligung"):
            profile.consent_date = False

    def test_profile_without_markers_needs_no_consent(self):
        profile = self._profile()
        self.assertFalse(profile.consent_date)
        with self.assertRaisesRegex(ValidationError, "Einwilligung"):
            profile.gap_practice = True

    def test_one_profile_per_person(self):
        self._profile()
        with self.assertRaises(Exception):
            with self.env.cr.savepoint():
                self._profile()

    def test_consent_cannot_be_in_the_future(self):
        with self.assertRaisesRegex(ValidationError, "Datum der Einwilligung: "):
            self._profile(**dict(self._consent(), consent_date="2999-01-01"))

    def test_marker_changes_are_tracked(self):
        profile = self._profile(**self._consent())
        profile.write({"is_refugee": True, "language_level": "a1"})
        fields_tracked = profile.sudo().message_ids.mapped("tracking_value_ids.field")
        self.assertIn("is_refugee", fields_tracked)
        self.assertIn("language_level", fields_tracked)

    def test_withdrawing_consent_deletes_markers_and_their_history(self):
        profile = self._profile(**self._consent())
        profile.write({"is_refugee": True, "language_level": "b1", "gap_theory": True})
        self.assertTrue(profile.sudo().message_ids.mapped("tracking_value_ids"))
        profile.action_withdraw_consent()
        for name in ("learning_difficulties", "gap_general", "gap_theory", "gap_practice",
                     "is_refugee", "language_level", "consent_date", "consent_given_by",
                     "consent_purpose"):
            self.assertFalse(profile[name], name)
        self.assertEqual(profile.partner_id, self.apprentice)
        self.assertFalse(profile.sudo().message_ids.mapped("tracking_value_ids"))
        self.assertTrue(profile.message_ids.filtered(lambda m: "widerrufen" in (m.body or "")))
        # Markers cannot come back without a new consent.
        with self.assertRaisesRegex(ValidationError, "Einwilligung"):
            profile.is_refugee = True
