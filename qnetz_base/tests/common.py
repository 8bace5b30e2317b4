import os

from odoo.tests.common import SavepointCase

# conftest.py shows what lands here in the summary of the run (pytest hides what a
# passing test prints)
FIGURES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "artifacts", "figures")


def report_figure(name, line):
    """Keep one line of figures (counts of attempts, routes ...) for the run's summary."""
    os.makedirs(FIGURES_DIR, exist_ok=True)
    with open(os.path.join(FIGURES_DIR, "%s.txt" % name), "w") as figures:
        figures.write(line + "\n")


class QnetzCase(SavepointCase):
    """Users of every kind and a small network of our own, next to the demo data."""

    @classmethod
    def setUpClass(cls):
        super(QnetzCase, cls).setUpClass()
        # The users work in German: messages are checked in German, whatever the admin's
        # language (the base of every qnetz test case).
        cls.env = env = cls.env(context=dict(cls.env.context, lang="de_DE"))
        Users = env["res.users"].with_context(no_reset_password=True)
        cls.coordinator = Users.create({
            "name": "Test Koordination", "login": "test-qnetz-coordinator",
            "email": "test-qnetz-coordinator@example.com",
            "groups_id": [(6, 0, [env.ref("qnetz_base.group_qnetz_coordinator").id])]})
        # the network reader: a portal user with the reader group (no employee rights)
        cls.network_user = Users.create({
            "name": "Test Netzwerk", "login": "test-qnetz-user",
            "email": "test-qnetz-user@example.com",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id,
                                  env.ref("qnetz_base.group_qnetz_network").id])]})
        cls.employee = Users.create({
            "name": "Test Employee", "login": "test-qnetz-employee",
            "email": "test-qnetz-employee@example.com",
            "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
        cls.portal_user = Users.create({
            "name": "Test Portal", "login": "test-qnetz-portal",
            "email": "test-qnetz-portal@example.com",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])]})
        cls.public_user = env.ref("base.public_user")

        Partner = env["res.partner"]
        cls.district_hx = env.ref("qnetz_base.district_hoexter")
        cls.district_hol = env.ref("qnetz_base.district_holzminden")
        cls.occupation = env.ref("qnetz_base.occupation_industriemechaniker")
        cls.company = Partner.create({
            "name": "Testbetrieb Brakel GmbH", "is_company": True, "is_training_company": True,
            "district_id": cls.district_hx.id, "employee_count": 40})
        cls.other_company = Partner.create({
            "name": "Testbetrieb Holzminden GmbH", "is_company": True, "is_training_company": True,
            "district_id": cls.district_hol.id, "employee_count": 400})
        cls.school = env.ref("qnetz_base.partner_school_bk_hoexter_demo")
        cls.apprentice = Partner.create({
            "name": "Mara Beispiel", "is_apprentice": True, "employer_id": cls.company.id,
            "occupation_id": cls.occupation.id, "training_year": "1",
            "vocational_school_id": cls.school.id,
            "email": "mara@example.com", "phone": "05271 0000", "mobile": "0170 0000",
            "street": "Beispielweg 1", "zip": "33034", "city": "Brakel",
            "comment": "Wohnt bei den Eltern."})
        cls.apprentice_2 = Partner.create({
            "name": "Jonas Muster", "is_apprentice": True, "employer_id": cls.company.id,
            "occupation_id": cls.occupation.id, "training_year": "2"})

    @classmethod
    def _consent(cls):
        return {"consent_date": "2026-01-15", "consent_given_by": "the apprentice",
                "consent_purpose": "Planning support courses of the network."}

    def _need_vals(self, **overrides):
        vals = {"partner_id": self.company.id, "area": "theory",
                "topic": "Technische Mathematik", "participant_count": 2,
                "occupation_id": self.occupation.id}
        vals.update(overrides)
        return vals
