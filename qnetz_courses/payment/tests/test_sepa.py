import base64

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.modules.module import get_module_resource

from ...tests.payment_common import PaymentCase
from ..models.account_bank_statement_import import german_iban


def schema(addon, version):
    """The ISO 20022 schema the OCA addon ships for `version` (e.g. pain.008.001.02)."""
    path = get_module_resource(addon, "data", "%s.xsd" % version)
    with open(path, "rb") as handle:
        return etree.XMLSchema(etree.parse(handle))


class TestSepa(PaymentCase):
    """Direct debit of course fees from companies with a mandate (pain.008), transfer of
    approved provider bills (pain.001): the files validate against the schemas shipped
    with OCA's addons and say what the bank needs."""

    @classmethod
    def setUpClass(cls):
        super(TestSepa, cls).setUpClass()
        env = cls.env
        env.ref("base.main_company").sepa_creditor_identifier = "DE98ZZZ09999999999"
        cls.company_a_iban = german_iban(47260121, 7700100)
        cls.mandate = env["account.banking.mandate"].create({
            "partner_bank_id": env["res.partner.bank"].create({
                "acc_number": cls.company_a_iban, "partner_id": cls.company_a.id}).id,
            "unique_mandate_reference": "QN-TEST-0001",
            "signature_date": "2026-01-15", "format": "sepa", "type": "recurrent",
            "recurrent_sequence_type": "first", "scheme": "CORE"})
        cls.mandate.validate()
        # the next billing run of a course: company A now pays by direct debit
        cls.course_2 = cls._create_course(name="Pneumatik", seats_min=1, seats_max=10,
                                          fee_amount=200.0, date_begin="2030-04-02 07:00:00",
                                          date_end="2030-04-20 15:00:00")
        for apprentice in (cls.apprentices[0], cls.apprentices[1], cls.apprentices[5]):
            cls._register(cls.course_2, apprentice)
        cls.course_2.button_confirm()
        cls._begin(cls.course_2)
        invoices = cls.course_2._qnetz_bill_registrations()
        cls.debit_invoice = invoices.filtered(lambda inv: inv.partner_id == cls.company_a)
        cls.transfer_invoice = invoices - cls.debit_invoice

    def _orders(self, course):
        return self.env["account.payment.order"].search(
            [("payment_line_ids.move_line_id.invoice_id.course_id", "=", course.id)])

    def _generate(self, order):
        order.draft2open()
        action = order.open2generated()
        attachment = self.env["ir.attachment"].browse(action["res_id"])
        return etree.fromstring(base64.b64decode(attachment.datas))

    def test_billing_run_makes_one_direct_debit_order_and_a_valid_pain008(self):
        self.assertEqual(self.debit_invoice.mandate_id, self.mandate)
        self.assertFalse(self.transfer_invoice.mandate_id, "company B has no mandate")
        self.course_2.action_validate_invoices()
        order = self._orders(self.course_2)
        self.assertEqual(len(order), 1, "one payment order per billing run")
        self.assertEqual(order.payment_line_ids.mapped("partner_id"), self.company_a)
        # validating again collects nothing twice
        self.course_2.action_validate_invoices()
        self.assertEqual(self._orders(self.course_2), order)
        root = self._generate(order)
        version = order.payment_mode_id.payment_method_id.pain_version
        self.assertTrue(version.startswith("pain.008"))
        xsd = schema("account_banking_sepa_direct_debit", version)
        self.assertTrue(xsd.validate(root), xsd.error_log)
        ns = {"p": root.nsmap[None]}
        transaction = root.xpath("//p:DrctDbtTxInf", namespaces=ns)
        self.assertEqual(len(transaction), 1)
        text = lambda path: transaction[0].xpath(path, namespaces=ns)[0].text  # noqa: E731
        self.assertEqual(text(".//p:MndtId"), "QN-TEST-0001")
        self.assertEqual(text(".//p:DtOfSgntr"), "2026-01-15")
        self.assertEqual(text(".//p:DbtrAcct/p:Id/p:IBAN"), self.company_a_iban)
        self.assertEqual(float(text("p:InstdAmt")), self.debit_invoice.amount_total)
        self.assertIn(self.debit_invoice.number, text(".//p:Ustrd"))
        self.assertEqual(root.xpath("//p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id",
                                    namespaces=ns)[0].text,
                         "DE98ZZZ09999999999")

    def _batch_order(self):
        """Both companies pay course 2 by direct debit: one order collecting from two."""
        mandate_b = self.env["account.banking.mandate"].create({
            "partner_bank_id": self.env["res.partner.bank"].create({
                "acc_number": german_iban(47260121, 7700200),
                "partner_id": self.company_b.id}).id,
            "unique_mandate_reference": "QN-TEST-0003", "signature_date": "2026-02-01",
            "format": "sepa", "type": "recurrent", "recurrent_sequence_type": "first",
            "scheme": "CORE"})
        mandate_b.validate()
        self.transfer_invoice.write({
            "mandate_id": mandate_b.id,
            "payment_mode_id": self.env.ref("qnetz_courses.payment_mode_direct_debit").id})
        self.course_2.action_validate_invoices()
        order = self._orders(self.course_2)
        self.assertEqual(order.payment_line_ids.mapped("partner_id"),
                         self.company_a | self.company_b)
        order.journal_id = self.journal  # the account the statements come from
        self._generate(order)
        return order

    def _bank_bookings(self, order):
        account = self.journal.default_debit_account_id
        return self.env["account.move.line"].search([
            ("account_id", "=", account.id), ("statement_id", "!=", False),
            ("move_id.payment_order_id", "=", order.id)])

    def test_a_direct_debit_booked_as_one_sum_pays_the_orders_invoices(self):
        order = self._batch_order()
        total = order.total_company_currency
        self.assertEqual(total, self.debit_invoice.amount_total
                         + self.transfer_invoice.amount_total)
        # the bank's statement: one sum, a text naming no invoice (the file was not even
        # marked as uploaded yet)
        lines, _action = self._import([self._entry(total, "SEPA-Lastschrift Einzug", "DD1",
                                                   name="Sammler Lastschrift")])
        self.assertEqual(lines.match_state, "paid")
        self.assertEqual((self.debit_invoice | self.transfer_invoice).mapped("state"),
                         ["paid", "paid"])
        self.assertNotIn(lines, self._to_clarify())
        self.assertEqual(order.state, "done")
        # the bank account is booked once: the order's bookings are the statement's
        bookings = self._bank_bookings(order)
        self.assertEqual(round(sum(bookings.mapped("balance")), 2), total)
        self.assertEqual(lines.journal_entry_ids.mapped("move_id"), bookings.mapped("move_id"))

    def test_an_uploaded_direct_debit_is_found_by_its_name(self):
        order = self._batch_order()
        order.generated2uploaded()
        self.assertEqual((self.debit_invoice | self.transfer_invoice).mapped("state"),
                         ["paid", "paid"], "OCA books the debits on upload")
        # the bank's text names the order (its message id in the pain.008)
        lines, _action = self._import([
            self._entry(order.total_company_currency, "Lastschrift %s" % order.name, "DD2")])
        self.assertEqual(lines.match_state, "paid")
        self.assertEqual(order.state, "done")
        self.assertEqual(lines.journal_entry_ids.mapped("move_id"),
                         self._bank_bookings(order).mapped("move_id"))

    def test_approved_provider_bill_is_paid_by_a_valid_pain001(self):
        bill = self.course._qnetz_create_provider_bill()
        provider_iban = german_iban(25050180, 3300200)
        bill.partner_id.commercial_partner_id.bank_ids = [(0, 0, {"acc_number": provider_iban})]
        with self.assertRaises(UserError):
            bill.action_qnetz_credit_transfer()  # not approved yet
        bill.action_invoice_open()
        action = bill.action_qnetz_credit_transfer()
        order = self.env["account.payment.order"].browse(action["res_id"])
        with self.assertRaises(UserError):
            bill.action_qnetz_credit_transfer()  # already in an order
        root = self._generate(order)
        version = order.payment_mode_id.payment_method_id.pain_version
        self.assertTrue(version.startswith("pain.001"))
        xsd = schema("account_banking_sepa_credit_transfer", version)
        self.assertTrue(xsd.validate(root), xsd.error_log)
        ns = {"p": root.nsmap[None]}
        self.assertEqual(root.xpath("//p:CdtrAcct/p:Id/p:IBAN", namespaces=ns)[0].text,
                         provider_iban)
        self.assertEqual(float(root.xpath("//p:InstdAmt", namespaces=ns)[0].text),
                         bill.amount_total)

    def test_a_mandate_needs_a_valid_iban(self):
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "DE00 1234 5678 9012 3456 78", "partner_id": self.company_b.id})
        self.assertNotEqual(bank.acc_type, "iban", "the check digits are wrong")
        mandate = self.env["account.banking.mandate"].create({
            "partner_bank_id": bank.id, "unique_mandate_reference": "QN-TEST-0002",
            "signature_date": fields.Date.today(), "format": "sepa"})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            mandate.validate()
        mandate.invalidate_cache()
        self.assertEqual(mandate.state, "draft")
