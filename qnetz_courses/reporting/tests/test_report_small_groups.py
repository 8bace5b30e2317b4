"""No money figure that identifies one provider or company: the network user's figures,
tried over /web/dataset/call_kw, hide the fees of a district with a single course (and
the total that would give them away); the coordinator still sees everything."""
import requests

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HOST, PORT, HttpCase

PERIOD = ("2035-03-01", "2035-03-31")


class TestReportSmallGroups(HttpCase):

    def setUp(self):
        super(TestReportSmallGroups, self).setUp()
        # the requests run on the registry's test cursor: the data is created there
        self._case_cr = self.cr
        self.cr = self.registry.test_cr
        self.addCleanup(self._restore_cursor)
        self.tenv = env = api.Environment(self.cr, SUPERUSER_ID, {"tracking_disable": True})
        env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz Zahlen", "login": "netz_zahlen", "password": "netz_zahlen",
            "lang": "de_DE",
            "groups_id": [(6, 0, [env.ref("qnetz_base.group_qnetz_user").id])]})
        self.hoexter = env.ref("qnetz_base.district_hoexter")
        self.holzminden = env.ref("qnetz_base.district_holzminden")
        # Höxter: one course of one provider for one company; Holzminden: three of each
        self.lonely_fee = 4321.0
        self._course_with_money(self.hoexter, 0, self.lonely_fee)
        for index in (1, 2, 3):
            self._course_with_money(self.holzminden, index, 1000.0 * index)

    def _restore_cursor(self):
        self.cr = self._case_cr

    def _course_with_money(self, district, index, provider_fee, month="03", bill=True):
        env = self.tenv
        Partner = env["res.partner"]
        provider = Partner.create({"name": "Kleingruppe Träger %d" % index, "is_company": True,
                                   "is_education_provider": True, "district_id": district.id})
        company = Partner.create({"name": "Kleingruppe Betrieb %d" % index, "is_company": True,
                                  "is_training_company": True, "district_id": district.id})
        course = env["event.event"].create({
            "name": "Kleingruppe Kurs %d" % index, "is_qnetz_course": True,
            "area": "practice", "provider_id": provider.id, "district_id": district.id,
            "date_begin": "2035-%s-0%d 07:00:00" % (month, index + 2),
            "date_end": "2035-%s-0%d 15:00:00" % (month, index + 2),
            "seats_max": 4, "fee_model": "total", "fee_amount": provider_fee,
            "provider_fee": provider_fee})
        income = env["account.account"].search(
            [("user_type_id", "=", env.ref("account.data_account_type_revenue").id)], limit=1)
        expense = env["account.account"].search(
            [("user_type_id", "=", env.ref("account.data_account_type_expenses").id)],
            limit=1)
        Invoice = env["account.invoice"]
        Invoice.create({
            "partner_id": company.id, "type": "out_invoice", "course_id": course.id,
            "account_id": company.property_account_receivable_id.id,
            "invoice_line_ids": [(0, 0, {"name": "Kursgebühr", "quantity": 1,
                                         "price_unit": provider_fee + 100,
                                         "account_id": income.id})]})
        if not bill:
            return
        Invoice.create({
            "partner_id": provider.id, "type": "in_invoice", "course_id": course.id,
            "account_id": provider.property_account_payable_id.id,
            "journal_id": env["account.journal"].search(
                [("type", "=", "purchase")], limit=1).id,
            "invoice_line_ids": [(0, 0, {"name": "Honorar", "quantity": 1,
                                         "price_unit": provider_fee,
                                         "account_id": expense.id})]})

    def figures(self, login, period=PERIOD):
        self.authenticate(login, login)
        opener = requests.Session()
        opener.cookies["session_id"] = self.session_id
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": "qnetz.report.figures", "method": "compute", "args": list(period),
            "kwargs": {"context": {"lang": "de_DE"}}}}
        url = "http://%s:%s/web/dataset/call_kw/qnetz.report.figures/compute" % (HOST, PORT)
        response = opener.post(url, json=payload, timeout=60)
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertIn("result", answer, answer)
        return answer["result"]

    @staticmethod
    def money_rows(figures):
        return [row for section in figures["sections"] if section["key"] == "fees"
                for row in section["rows"]]

    def test_fees_of_one_provider_are_hidden_from_the_network_user(self):
        hx, hol = "d%d" % self.hoexter.id, "d%d" % self.holzminden.id
        coordinator = self.figures("koordination")
        rows = {row["key"]: row for row in self.money_rows(coordinator)}
        self.assertEqual(rows["provider_fees"]["values"][hx], self.lonely_fee)
        self.assertFalse(coordinator["money_hidden"])

        network = self.figures("netz_zahlen")
        self.assertEqual(network["money_hidden"], [hx, "total"])
        self.assertIn("3", network["money_hidden_note"])
        for row in self.money_rows(network):
            self.assertIsNone(row["values"][hx], row["key"])
            self.assertEqual(row["display"][hx], "verborgen")
            # the total less Holzminden would be Höxter's
            self.assertIsNone(row["values"]["total"], row["key"])
            self.assertIsNone(network["totals"][row["key"]])
            # three providers and companies stand behind Holzminden's amounts
            self.assertEqual(row["values"][hol], rows[row["key"]]["values"][hol], row["key"])
        self.assertEqual(
            {row["key"]: row["values"][hol] for row in self.money_rows(network)}[
                "provider_fees"], 6000.0)
        self.assertNotIn(self.lonely_fee, [
            value for row in self.money_rows(network) for value in row["values"].values()])

    def test_one_billing_provider_is_hidden_though_three_courses_were_invoiced(self):
        """Three companies invoiced for the courses of three providers, but one provider's
        bill alone makes the provider fees: that bill is not shown."""
        for index in (4, 5, 6):
            self._course_with_money(self.holzminden, index, 700.0 + index, month="04",
                                    bill=index == 4)
        network = self.figures("netz_zahlen", ("2035-04-01", "2035-04-30"))
        fees = {row["key"]: row for row in self.money_rows(network)}["provider_fees"]
        self.assertNotIn(704.0, fees["values"].values())
        self.assertIn("total", network["money_hidden"])
