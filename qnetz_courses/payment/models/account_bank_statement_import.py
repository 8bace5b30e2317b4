import base64

from odoo import api, fields, models

from ..camt import camt053


def german_iban(bank_code, account):
    """A German IBAN with its check digits (ISO 13616, mod 97) from bank code and account."""
    bban = "%08d%010d" % (int(bank_code), int(account))
    check = 98 - int(bban + "131400") % 97  # "DE" is 13 14, then "00"
    return "DE%02d%s" % (check, bban)


class AccountBankStatementImport(models.TransientModel):
    _inherit = "account.bank.statement.import"

    def _create_bank_statements(self, stmts_vals):
        # every imported statement (CAMT.053 through OCA's parser, or any other format) is
        # matched right away; what cannot be matched stays on the coordinator's list
        statement_ids, notifications = super(
            AccountBankStatementImport, self)._create_bank_statements(stmts_vals)
        statements = self.env["account.bank.statement"].browse(statement_ids)
        summary = statements.mapped("line_ids")._qnetz_match_payments()
        notifications.append({"type": "info", "message": summary})
        return statement_ids, notifications

    @api.model
    def _qnetz_bank_journal(self, bank_account):
        """The company's bank journal, tied to `bank_account`: a statement for that IBAN
        is imported into it."""
        Journal = self.env["account.journal"]
        journal = Journal.search([("bank_account_id", "=", bank_account.id)], limit=1)
        if not journal:
            journal = Journal.search([("type", "=", "bank"),
                                      ("company_id", "=", bank_account.company_id.id),
                                      ("bank_account_id", "=", False)], limit=1)
            journal.bank_account_id = bank_account
        return journal

    @api.model
    def _qnetz_import_demo_statement(self, bank_account_id, course_id):
        """The demo's statement for the invoices of the course: the first company pays in
        full, the second half, the funder pays its claim, and a transfer names no invoice
        (it lands on the coordinator's list)."""
        bank_account = self.env["res.partner.bank"].browse(bank_account_id)
        course = self.env["event.event"].browse(course_id)
        self._qnetz_bank_journal(bank_account)
        invoices = self.env["account.invoice"].search([
            ("course_id", "=", course.id), ("type", "=", "out_invoice"),
            ("state", "=", "open"), ("is_provider_bill", "=", False)], order="id")
        claims = self.env["account.invoice"].search([
            ("funder_claim_id", "!=", False), ("state", "=", "open")], order="id", limit=1)
        entries = []
        shares = (1.0, 0.5)
        for index, (invoice, share) in enumerate(zip(invoices, shares)):
            entries.append({
                "amount": round(invoice.residual * share, 2), "name": invoice.partner_id.name,
                "iban": german_iban(47260121, 8800100 + index),
                "reference": "Kursgebuehr %s" % invoice.number, "ref": "DEMO-%d" % (index + 1)})
        for claim in claims:
            entries.append({
                "amount": claim.residual, "name": claim.partner_id.name,
                "iban": german_iban(30050000, 4100700),
                "reference": "Erstattung %s" % claim.number, "ref": "DEMO-CLAIM"})
        entries.append({
            "amount": 120.0, "name": "Tischlerei Beispiel", "iban": german_iban(47250101, 123456),
            "reference": "Kurs Juni Azubi Meier", "ref": "DEMO-UNKNOWN"})
        day = fields.Date.context_today(self)
        data = camt053("DEMO-%s" % day, bank_account.sanitized_acc_number,
                       bank_account.company_id.currency_id.name, day, 0.0, entries)
        wizard = self.create({"data_file": base64.b64encode(data),
                              "filename": "camt053-demo.xml"})
        return wizard.import_file()
