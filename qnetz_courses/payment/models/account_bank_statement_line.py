import re

from odoo import _, api, fields, models

from ...billing.models.event_event_billing import to_cents

MATCH_STATES = [
    ("paid", "Paid in Full"),
    ("partial", "Partly Paid"),
    ("overpaid", "Overpaid"),
    ("unmatched", "Not Matched"),
    ("cleared", "Cleared by the Coordinator"),
]


def normalize_reference(text):
    """Only letters and digits, upper case: payers write RE-2026-0004 as 'RE 2026 0004',
    're2026/0004' or 'RE-2026-0004'; all of them read RE20260004."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


class AccountBankStatementLine(models.Model):
    """A transaction of an imported bank statement, matched to the network's documents.

    Incoming money is matched to open customer invoices (course fees to companies and
    funder claims as invoices), outgoing money to open provider bills, by the document
    number in the payment reference: the amount then decides whether the document is
    paid, partly paid or overpaid. What names no open document stays on the coordinator's
    list ("Payments to Clarify")."""

    _inherit = "account.bank.statement.line"

    match_state = fields.Selection(
        MATCH_STATES, string="Matching", readonly=True, copy=False, index=True,
        help="What the automatic matching after the import found for this transaction.")
    match_note = fields.Char(string="Matching Note", readonly=True, copy=False)
    match_invoice_ids = fields.Many2many(
        "account.invoice", "account_bank_statement_line_match_invoice_rel",
        "statement_line_id", "invoice_id", string="Matched Documents", readonly=True,
        copy=False)

    # --- the references a payer may quote ----------------------------------------------

    @api.model
    def _qnetz_open_references(self):
        """{normalized number: invoice} of every open document a payment can settle: the
        invoice and bill numbers, and the numbers of the funder claims made as invoices
        (a funder quotes the claim's number)."""
        invoices = self.env["account.invoice"].search([
            ("state", "=", "open"),
            ("type", "in", ("out_invoice", "in_invoice")),
        ])
        references = {}
        for invoice in invoices:
            for number in (invoice.number, invoice.reference if invoice.type == "in_invoice"
                           else None):
                key = normalize_reference(number)
                if len(key) >= 4:
                    references.setdefault(key, invoice)
        claims = self.env["qnetz.funder.claim"].sudo().search(
            [("invoice_id", "in", invoices.ids)])
        for claim in claims:
            references.setdefault(normalize_reference(claim.name),
                                  self.env["account.invoice"].browse(claim.invoice_id.id))
        return references

    def _qnetz_referenced(self, references, pattern):
        """The open documents this transaction names, in the order it names them, of the
        kind its direction settles (incoming: customer invoices; outgoing: bills)."""
        self.ensure_one()
        text = normalize_reference(" ".join(
            part for part in (self.name, self.ref, self.note) if part))
        kind = "out_invoice" if self.amount > 0 else "in_invoice"
        found = self.env["account.invoice"]
        if pattern:
            for match in pattern.finditer(text):
                invoice = references[match.group(1)]
                if invoice.type == kind and invoice not in found:
                    found |= invoice
        return found

    # --- the matching --------------------------------------------------------------------

    @api.multi
    def _qnetz_match_payments(self):
        """Match the transactions not reconciled yet; returns a sentence for the import's
        notification (how many were paid, partly paid, overpaid, left to clarify)."""
        lines = self.filtered(lambda line: not line.journal_entry_ids and line.amount)
        references = lines and self._qnetz_open_references() or {}
        # the longest number first, and never followed by a digit: RE20260001 must not
        # match inside RE202600012
        pattern = references and re.compile("(%s)(?![0-9])" % "|".join(
            re.escape(key) for key in sorted(references, key=len, reverse=True)))
        counts = dict.fromkeys(dict(MATCH_STATES), 0)
        for line in lines:
            invoices = line._qnetz_referenced(references, pattern)
            state = line._qnetz_settle(invoices)
            counts[state] += 1
        return _("Matching: %(paid)d paid in full, %(partial)d partly paid, %(overpaid)d "
                 "overpaid, %(unmatched)d to clarify (Billing › Payments to Clarify).") % counts

    def _qnetz_settle(self, invoices):
        """Reconcile this transaction with `invoices` as far as its amount goes; the rest
        of an overpayment stays as the payer's credit. Returns the match state."""
        self.ensure_one()
        if not invoices:
            self.write({"match_state": "unmatched",
                        "match_note": _("No open invoice or bill number in the reference.")})
            return "unmatched"
        payers = invoices.mapped("commercial_partner_id")
        if len(payers) > 1:
            self.write({"match_state": "unmatched", "match_invoice_ids": [(6, 0, invoices.ids)],
                        "match_note": _("The reference names documents of several payers.")})
            return "unmatched"
        incoming = self.amount > 0
        account_type = "receivable" if incoming else "payable"
        remaining = abs(to_cents(self.amount))
        counterparts = []
        for invoice in invoices:
            open_lines = invoice.move_id.line_ids.filtered(
                lambda aml: aml.account_id.internal_type == account_type and not aml.reconciled
            ).sorted(lambda aml: (aml.date_maturity or "", aml.id))
            for aml in open_lines:
                take = min(remaining, abs(to_cents(aml.amount_residual)))
                if take <= 0:
                    continue
                counterparts.append({
                    "move_line": aml,
                    "name": invoice.number,
                    "debit": 0.0 if incoming else take / 100.0,
                    "credit": take / 100.0 if incoming else 0.0,
                })
                remaining -= take
        if not counterparts:
            self.write({"match_state": "unmatched", "match_invoice_ids": [(6, 0, invoices.ids)],
                        "match_note": _("The documents named have nothing left to pay.")})
            return "unmatched"
        payer = payers[0]
        surplus = []
        if remaining:
            account = payer.property_account_receivable_id if incoming \
                else payer.property_account_payable_id
            surplus.append({
                "name": _("Overpayment of %s") % ", ".join(invoices.mapped("number")),
                "account_id": account.id,
                "debit": 0.0 if incoming else remaining / 100.0,
                "credit": remaining / 100.0 if incoming else 0.0,
            })
        if self.partner_id != payer:
            self.partner_id = payer
        self.process_reconciliation(counterpart_aml_dicts=counterparts, new_aml_dicts=surplus)
        invoices.invalidate_cache(["residual", "state", "reconciled"])
        if remaining:
            state, note = "overpaid", _("%s more than was open: the payer's credit, to be "
                                        "refunded or set off.") % self._qnetz_money(remaining)
        elif any(invoice.state != "paid" for invoice in invoices):
            state, note = "partial", _("Partly paid; the rest stays open and is reminded.")
        else:
            state, note = "paid", False
        self.write({"match_state": state, "match_note": note,
                    "match_invoice_ids": [(6, 0, invoices.ids)]})
        return state

    def _qnetz_money(self, cents):
        currency = self.journal_id.currency_id or self.company_id.currency_id
        amount = ("%.2f" % (cents / 100.0)).replace(".", ",")
        return "%s %s" % (amount, currency.symbol or currency.name)

    @api.multi
    def action_qnetz_clear(self):
        """The coordinator has settled the case (refunded, set off, booked by hand)."""
        self.write({"match_state": "cleared"})
        return True
