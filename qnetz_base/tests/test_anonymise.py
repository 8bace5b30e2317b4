from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import QnetzCase


class TestAnonymise(QnetzCase):

    @classmethod
    def setUpClass(cls):
        super(TestAnonymise, cls).setUpClass()
        Profile = cls.env["qnetz.target.profile"]
        cls.profile = Profile.create(dict(
            cls._consent(), partner_id=cls.apprentice.id, is_refugee=True, language_level="a2",
            gap_theory=True))
        Need = cls.env["qnetz.need"]
        cls.own_need = Need.create({
            "partner_id": cls.apprentice.id, "apprentice_ids": [(6, 0, cls.apprentice.ids)],
            "area": "language", "topic": "Fachsprache Metall", "participant_count": 1})
        cls.company_need = Need.create({
            "partner_id": cls.company.id, "apprentice_ids": [(6, 0, cls.apprentice.ids)],
            "area": "theory", "topic": "Technische Mathematik", "participant_count": 2})
        cls.company_need.action_qualify()
        cls.apprentice.message_post(body="Telefonat mit Mara über ihre Deutschkenntnisse.")

    def _stats(self):
        Need = self.env["qnetz.need"].with_context(active_test=False)
        by_area_state = Need.read_group(
            [], ["area", "state", "participant_count"], ["area", "state"], lazy=False)
        by_district = Need.read_group([], ["district_id"], ["district_id"])
        Profile = self.env["qnetz.target.profile"]
        people = {
            marker: Profile.search_count([(marker, "=", True)])
            for marker in ("is_refugee", "gap_theory", "learning_difficulties")}
        people_by_district = Profile.read_group(
            [("is_refugee", "=", True)], ["district_id"], ["district_id"])

        def strip(groups):
            return sorted(
                tuple(sorted((k, v) for k, v in g.items() if k != "__domain")) for g in groups)
        return strip(by_area_state), strip(by_district), people, strip(people_by_district)

    def test_anonymise_on_request(self):
        before = self._stats()
        self.apprentice.sudo(self.coordinator).action_qnetz_anonymise()
        person = self.apprentice.with_context(active_test=False)
        person.invalidate_cache()
        # Identity is gone.
        self.assertEqual(person.name, "Anonymisiert")
        for field_name in ("email", "phone", "mobile", "street", "zip", "city", "comment", "image"):
            self.assertFalse(person[field_name], field_name)
        self.assertFalse(person.active)
        self.assertTrue(person.anonymised)
        # the day in the coordinator's time zone, who acted (after 23:00 UTC, Berlin's is
        # the next one)
        self.assertEqual(person.anonymised_date,
                         fields.Date.context_today(person.sudo(self.coordinator)))
        self.assertFalse(person.message_ids.filtered(lambda m: "Mara" in (m.body or "")))
        # The profile no longer points to any person, but keeps what reporting counts.
        self.profile.invalidate_cache()
        self.assertFalse(self.profile.partner_id)
        self.assertFalse(self.profile.consent_given_by)
        self.assertTrue(self.profile.anonymised)
        self.assertTrue(self.profile.is_refugee)
        self.assertEqual(self.profile.language_level, "a2")
        self.assertEqual(self.profile.district_id, self.district_hx)
        self.assertFalse(self.env["qnetz.target.profile"].search(
            [("partner_id", "=", person.id)]))
        self.assertFalse(self.profile.message_ids.filtered(lambda m: "Mara" in (m.body or "")))
        # Needs stay linked and every statistic is unchanged.
        self.assertEqual(self.own_need.partner_id, person)
        # Archived people drop out of the default lists but the link is still there.
        self.assertIn(person, self.company_need.with_context(active_test=False).apprentice_ids)
        self.assertEqual(self.own_need.district_id, self.district_hx)
        self.assertEqual(self._stats(), before)

    def test_queued_mails_activities_and_tracking_forget_the_person(self):
        name = self.apprentice.name
        other_company = self.other_company
        # a tracked value naming the person (a char field of another record)
        self.company_need.with_context(tracking_disable=False).message_post(
            body="Gespräch", tracking_value_ids=[(0, 0, {
                "field": "topic", "field_desc": "Thema", "field_type": "text",
                "old_value_text": "Nachhilfe für %s" % name,
                "new_value_text": "Technische Mathematik (%s)" % name})])
        Mail = self.env["mail.mail"]
        to_person = Mail.create({
            "subject": "Ihre Einladung", "body_html": "<p>Hallo %s</p>" % name,
            "email_to": "%s <mara@example.com>" % name, "state": "outgoing"})
        to_person_by_partner = Mail.create({
            "subject": "Erinnerung", "body_html": "<p>Termin</p>",
            "recipient_ids": [(6, 0, self.apprentice.ids)], "state": "exception"})
        naming_person = Mail.create({
            "subject": "Abwesenheit von %s" % name,
            "body_html": "<p>%s fehlte &amp; kommt wieder</p>" % name,
            "email_to": "info@holzminden.example", "recipient_ids": [(6, 0, other_company.ids)],
            "state": "outgoing"})
        activity = self.env["mail.activity"].create({
            "res_id": self.company_need.id,
            "res_model_id": self.env["ir.model"]._get("qnetz.need").id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": "%s anrufen" % name, "note": "<p>Mit %s über Mathe reden</p>" % name,
            "user_id": self.coordinator.id})

        self.apprentice.sudo(self.coordinator).action_qnetz_anonymise()
        self.env.cache.invalidate()

        # mails not yet sent to the person are not sent any more
        self.assertFalse(to_person.exists())
        self.assertFalse(to_person_by_partner.exists())
        # mails to others keep going, without the name
        self.assertTrue(naming_person.exists())
        for text in (naming_person.subject, naming_person.body_html, naming_person.email_to):
            self.assertNotIn(name, text or "")
        self.assertIn("Anonymisiert fehlte", naming_person.body_html)
        self.assertEqual(naming_person.recipient_ids, other_company)
        self.assertNotIn(name, activity.summary)
        self.assertNotIn(name, activity.note)
        self.assertIn("Anonymisiert", activity.summary)
        values = self.company_need.message_ids.mapped("tracking_value_ids")
        self.assertTrue(values)
        for value in values:
            for field_name in ("old_value_char", "new_value_char", "old_value_text",
                               "new_value_text"):
                self.assertNotIn(name, value[field_name] or "", field_name)
        self.assertIn("Technische Mathematik (Anonymisiert)",
                      values.mapped("new_value_text"))

    def test_anonymise_in_german(self):
        self.apprentice.sudo(self.coordinator).with_context(lang="de_DE").action_qnetz_anonymise()
        self.assertEqual(self.apprentice.with_context(active_test=False).name, "Anonymisiert")

    def test_login_of_the_person_is_closed(self):
        user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Mara Portal", "login": "mara@example.com", "partner_id": self.apprentice.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.apprentice.sudo(self.coordinator).action_qnetz_anonymise()
        user = user.with_context(active_test=False)
        self.assertFalse(user.active)
        self.assertNotIn("mara", user.login)

    def test_only_people_are_anonymised(self):
        with self.assertRaisesRegex(UserError, "nur Personen"):
            self.company.sudo(self.coordinator).action_qnetz_anonymise()

    def test_only_coordinators_anonymise(self):
        for user in (self.network_user, self.employee, self.portal_user):
            with self.assertRaises(AccessError):
                self.apprentice.sudo(user).action_qnetz_anonymise()
        self.assertEqual(self.apprentice.name, "Mara Beispiel")

    def test_retention_cron(self):
        before = self._stats()
        Partner = self.env["res.partner"]
        today = fields.Date.context_today(Partner)
        self.apprentice.anonymise_after = today
        self.apprentice_2.anonymise_after = "2999-12-31"
        count = Partner._cron_qnetz_anonymise_expired()
        self.assertEqual(count, 1)
        self.assertTrue(self.apprentice.with_context(active_test=False).anonymised)
        self.assertFalse(self.apprentice_2.anonymised)
        self.assertEqual(self.apprentice_2.name, "Jonas Muster")
        self.assertFalse(self.profile.partner_id)
        self.assertEqual(self._stats(), before)
        # Run again: nothing left to do.
        self.assertEqual(Partner._cron_qnetz_anonymise_expired(), 0)

    def test_cron_and_confirmation_wizard_are_installed(self):
        cron = self.env.ref("qnetz_base.ir_cron_anonymise_expired")
        self.assertTrue(cron.active)
        self.assertIn("_cron_qnetz_anonymise_expired", cron.code)
        action = self.env.ref("qnetz_base.qnetz_anonymise_wizard_action")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        self.assertEqual(action.groups_id, self.env.ref("qnetz_base.group_qnetz_coordinator"),
                         "offered only to the group that may anonymise")
        partners = self.apprentice | self.apprentice_2
        wizard = self.env["qnetz.anonymise.wizard"].sudo(self.coordinator).with_context(
            active_model="res.partner", active_ids=partners.ids, lang="de_DE").create({})
        self.assertEqual(wizard.partner_count, 2)
        self.assertIn("2 ", wizard.summary, "the confirmation names the count")
        self.assertFalse(self.apprentice.anonymised, "nothing happens before confirming")
        wizard.action_anonymise()
        self.assertTrue(self.apprentice.with_context(active_test=False).anonymised)
        self.assertTrue(self.apprentice_2.with_context(active_test=False).anonymised)

    def test_others_cannot_anonymise_through_the_wizard(self):
        """The network reader (a share user) cannot even open the wizard; an employee who
        is no coordinator opens it on a person they see, and is refused the action."""
        person = self.env["res.partner"].create({"name": "Privatperson Beispiel"})
        Wizard = self.env["qnetz.anonymise.wizard"].with_context(
            active_model="res.partner", active_ids=person.ids)
        with self.assertRaises(AccessError):
            Wizard.sudo(self.network_user).create({})
        wizard = Wizard.sudo(self.employee).create({})
        self.assertEqual(wizard.partner_count, 1)
        with self.assertRaises(AccessError):
            wizard.action_anonymise()
        self.assertFalse(person.anonymised)
