"""The fixture of the payment tests: a billed course and a bank account."""
import base64

from lxml import etree

from odoo import fields
from odoo.tools.safe_eval import safe_eval

from .common import QnetzCoursesCase
from ..payment.camt import camt053
from ..payment.models.account_bank_statement_import import german_iban


class PaymentCase(QnetzCoursesCase):
    """A billed course and the network's bank account, to import statements into."""

    @classmethod
    def setUpClass(cls):
        super(PaymentCase, cls).setUpClass()
        env = cls.env
        company = env.ref("base.main_company")
        cls.bank_account = env["res.partner.bank"].create({
            "acc_number": german_iban(47260121, 99000111), "partner_id": company.partner_id.id,
            "company_id": company.id})
        cls.journal = env["account.journal"].create({
            "name": "Testbank Zahlungen", "type": "bank", "code": "TBZ",
            "bank_account_id": cls.bank_account.id, "company_id": company.id})
        cls.course = cls._create_course(seats_min=1, seats_max=10, fee_amount=300.0)
        for apprentice in cls.apprentices[:5]:
            cls._register(cls.course, apprentice)
        cls.course.button_confirm()
        cls._begin(cls.course)
        invoices = cls.course._qnetz_bill_registrations()
        invoices.action_invoice_open()
        by_partner = {invoice.partner_id: invoice for invoice in invoices}
        cls.invoice_a = by_partner[cls.company_a]  # 4 participants: 1,200.00
        cls.invoice_b = by_partner[cls.company_b]  # 1 participant: 300.00
        cls.statement_count = 0

    def _import(self, entries, statement_id=None):
        """Import a CAMT.053 statement of `entries` as the coordinator does (the wizard)."""
        type(self).statement_count += 1
        data = camt053(statement_id or "TEST-%d" % self.statement_count,
                       self.bank_account.sanitized_acc_number, "EUR",
                       fields.Date.context_today(self.journal), 0.0, entries)
        wizard = self.env["account.bank.statement.import"].create(
            {"data_file": base64.b64encode(data), "filename": "camt053.xml"})
        action = wizard.import_file()
        statements = self.env["account.bank.statement"].browse(action["context"]["statement_ids"])
        return statements.mapped("line_ids"), action

    def _entry(self, amount, reference, ref, name="Zahler", iban=None):
        return {"amount": amount, "name": name, "reference": reference, "ref": ref,
                "iban": iban or german_iban(47250101, 555000 + len(ref))}

    def _to_clarify(self):
        """The coordinator's list, as its menu opens it (action domain and default filter)."""
        action = self.env.ref("qnetz_courses.account_bank_statement_line_action")
        view = self.env.ref("qnetz_courses.account_bank_statement_line_view_search")
        arch = etree.fromstring(view.arch_db.encode("utf-8"))
        to_clarify = arch.xpath("//filter[@name='to_clarify']")[0].get("domain")
        domain = safe_eval(action.domain) + safe_eval(to_clarify)
        return self.env["account.bank.statement.line"].search(domain)
