from odoo.tests.common import TransactionCase


class TestCompanyRules(TransactionCase):
    """Multi-company record rules see the same records with their children resolved once."""

    def setUp(self):
        super(TestCompanyRules, self).setUp()
        self.main = self.env.ref("base.main_company")
        self.coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        self.branch = self.env["res.company"].create({
            "name": "Zweigstelle Holzminden", "parent_id": self.main.id})
        self.branch_event = self.event(self.branch)

    def event(self, company):
        # event.event: one of the models whose multi-company rule is on (res.partner's is not)
        return self.env["event.event"].create({
            "name": "Veranstaltung von %s" % company.name, "company_id": company.id,
            "date_begin": "2027-03-01 08:00:00", "date_end": "2027-03-01 12:00:00"})

    def visible(self, event):
        return bool(self.env["event.event"].sudo(self.coordinator).search(
            [("id", "=", event.id)]))

    def test_records_of_child_companies_stay_visible(self):
        self.assertTrue(self.visible(self.branch_event))
        self.assertFalse(self.visible(self.event(
            self.env["res.company"].create({"name": "Fremder Verein"}))))

    def test_a_new_child_company_is_seen_at_once(self):
        self.assertTrue(self.visible(self.branch_event))  # the domain is cached now
        later = self.env["res.company"].create({
            "name": "Zweigstelle Höxter", "parent_id": self.branch.id})
        self.assertTrue(self.visible(self.event(later)))

    def test_the_children_are_not_asked_for_on_every_search(self):
        Invoice = self.env["account.invoice"].sudo(self.coordinator)
        Invoice.search([], limit=1)  # the rule's domain is computed and cached here
        queries = []
        execute = self.cr.execute

        def logged(query, params=None, log_exceptions=None):
            queries.append(str(query))
            return execute(query, params)
        self.patch(self.cr, "execute", logged)
        for _round in range(3):
            Invoice.search([], limit=1)
        self.assertTrue(queries, "the searches ran")
        self.assertFalse([query for query in queries if '"res_company"' in query],
                         "a cached rule domain asks for the company's children again")
