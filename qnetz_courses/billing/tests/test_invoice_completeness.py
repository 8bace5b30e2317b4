from odoo.exceptions import UserError

from ...tests.common import QnetzCoursesCase


class TestInvoiceCompleteness(QnetzCoursesCase):
    """An invoice is validated only with what a payer needs: the sender's address, where to
    pay (IBAN and BIC), the sender's tax number and a due date after the invoice date."""

    @classmethod
    def setUpClass(cls):
        super(TestInvoiceCompleteness, cls).setUpClass()
        cls.company = cls.env.ref("base.main_company")
        course = cls._create_course(seats_min=1)
        cls._register(course, cls.apprentices[0])
        course.button_confirm()
        cls._begin(course)
        cls.invoice = course._qnetz_bill_registrations()

    def test_the_demo_company_has_what_an_invoice_needs(self):
        self.assertEqual(self.invoice._qnetz_completeness_problems(), [])
        self.assertEqual(self.invoice.partner_bank_id.partner_id, self.company.partner_id,
                         "the invoice names the account to pay to")
        self.invoice.action_invoice_open()
        self.assertEqual(self.invoice.state, "open")
        self.assertGreater(self.invoice.date_due, self.invoice.date_invoice)

    def test_refused_without_street_bank_tax_number_or_due_date(self):
        # the account loses its bank (and so its BIC); deleting it is refused, as paid
        # invoices name it (OCA account_payment_partner: ondelete restrict)
        self.company.partner_id.bank_ids.write({"bank_id": False})
        self.company.write({"street": False, "tax_number": False, "vat": False})
        self.invoice.payment_term_id = self.env.ref("account.account_payment_term_immediate")
        with self.assertRaises(UserError) as refused:
            self.invoice.action_invoice_open()
        message = refused.exception.name
        self.assertIn("Rechnung unvollständig", message)
        for part in ("Anschrift des Absenders", "IBAN und BIC", "Steuernummer",
                     "Fälligkeitsdatum nach dem Rechnungsdatum"):
            self.assertIn(part, message)
        self.assertEqual(self.invoice.state, "draft")
