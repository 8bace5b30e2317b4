from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import QnetzCase


class TestPartnerRoles(QnetzCase):

    def test_several_roles_at_once(self):
        school = self.school
        self.assertTrue(school.is_vocational_school)
        self.assertTrue(school.is_education_provider)
        # The schools also run support offers of their own (Wegweiser).
        self.assertTrue(school.is_support_institution)
        self.assertEqual(school.support_institution_type, "school")
        Partner = self.env["res.partner"]
        providers = Partner.search([("is_education_provider", "=", True)])
        schools = Partner.search([("is_vocational_school", "=", True)])
        self.assertIn(school, providers)
        self.assertIn(school, schools)
        self.assertEqual(
            set(schools.mapped("name")), {"BBS Holzminden", "Berufskolleg Höxter"})

    def test_district_gives_federal_state(self):
        self.assertEqual(self.company.federal_state_id.code, "NW")
        self.assertEqual(self.other_company.federal_state_id.code, "NI")

    def test_sme_by_employees(self):
        self.assertTrue(self.company.is_sme)
        self.assertFalse(self.other_company.is_sme)
        self.other_company.employee_count = 249
        self.assertTrue(self.other_company.is_sme)

    def test_negative_employees_refused(self):
        with self.assertRaisesRegex(ValidationError, "Beschäftigte: "):
            self.company.employee_count = -1

    def test_apprentice_count(self):
        self.assertEqual(self.company.apprentice_count, 2)
        self.assertEqual(self.other_company.apprentice_count, 0)
        self.apprentice_2.employer_id = self.other_company
        self.company.invalidate_cache()
        self.assertEqual(self.company.apprentice_count, 1)
        self.assertEqual(self.other_company.apprentice_count, 1)

    def test_apprentice_of_non_training_company_refused(self):
        provider = self.env.ref("qnetz_base.partner_provider_bildungswerk_weserbergland_demo")
        with self.assertRaisesRegex(ValidationError, "Ausbildungsbetrieb: "):
            self.apprentice.employer_id = provider
        with self.assertRaisesRegex(ValidationError, "Ausbildungsbetrieb: "):
            self.env["res.partner"].create({
                "name": "Falsch Verknüpft", "is_apprentice": True, "employer_id": provider.id})

    def test_removing_training_company_role_with_apprentices_is_refused(self):
        # The constraint guards the apprentice, not the company: un-flagging the company
        # must not silently leave apprentices behind a non-training company.
        with self.assertRaisesRegex(ValidationError, "Ausbildungsbetrieb: "):
            self.company.is_training_company = False

    def test_vocational_school_must_be_a_school(self):
        with self.assertRaisesRegex(ValidationError, "Berufsbildende Schule: "):
            self.apprentice.vocational_school_id = self.other_company

    def test_menu_actions_create_the_role(self):
        """Create from a role's menu sets that role (context defaults of the actions)."""
        for xmlid, flag in [
                ("qnetz_base.res_partner_action_companies", "is_training_company"),
                ("qnetz_base.res_partner_action_apprentices", "is_apprentice"),
                ("qnetz_base.res_partner_action_providers", "is_education_provider"),
                ("qnetz_base.res_partner_action_schools", "is_vocational_school"),
                ("qnetz_base.res_partner_action_institutions", "is_support_institution")]:
            action = self.env.ref(xmlid)
            context = dict(safe_eval(action.context))
            partner = self.env["res.partner"].sudo(self.coordinator).with_context(**context).create(
                {"name": "Neu über %s" % xmlid})
            self.assertTrue(partner[flag], xmlid)
            domain = safe_eval(action.domain)
            self.assertIn(partner, self.env["res.partner"].search(domain), xmlid)
        schools_ctx = dict(safe_eval(self.env.ref("qnetz_base.res_partner_action_schools").context))
        school = self.env["res.partner"].with_context(**schools_ctx).create({"name": "Neue BBS"})
        self.assertTrue(school.is_education_provider)
        self.assertTrue(school.is_company)

    def test_demo_network(self):
        Partner = self.env["res.partner"]
        companies = Partner.search([("is_training_company", "=", True)])
        self.assertGreaterEqual(len(companies), 20)
        self.assertEqual(set(companies.mapped("district_id").ids),
                         set((self.district_hx | self.district_hol).ids))
        self.assertGreaterEqual(Partner.search_count([("is_apprentice", "=", True)]), 40)
        self.assertGreaterEqual(Partner.search_count([("is_support_institution", "=", True)]), 4)
        external_ids = companies.get_external_id()
        demo_companies = companies.filtered(
            lambda c: external_ids[c.id].startswith("qnetz_base."))
        self.assertTrue(all(company.industry_id for company in demo_companies))
        portal = self.env.ref("qnetz_base.user_company_portal_demo")
        self.assertEqual(portal.login, "betrieb")
        self.assertTrue(portal.has_group("base.group_portal"))
        self.assertFalse(portal.has_group("base.group_user"))
        self.assertTrue(portal.partner_id.commercial_partner_id.is_training_company)
        provider_user = self.env.ref("qnetz_base.user_provider_portal_demo")
        self.assertEqual(provider_user.login, "traeger")
        self.assertTrue(provider_user.partner_id.commercial_partner_id.is_education_provider)
        # Real institutions carry no invented phone numbers.
        institutions = Partner.search([("is_support_institution", "=", True)])
        self.assertFalse(any(institutions.mapped("phone")))
