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
    funder_claim_id = fields.Many2one(
        "qnetz.funder.claim", string="Funder Claim Paid", readonly=True, copy=False,
        index=True, ondelete="restrict",
        help="The funder claim made as a document only (no invoice) this payment settles.")
    funder_claim_amount = fields.Monetary(
        string="Received for the Claim", readonly=True, copy=False,
        currency_field="journal_currency_id",
        help="The part of the payment booked as the claim's funding (the rest of an "
             "overpayment stays as the funder's credit).")
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
        claims = lines.filtered(lambda line: line.amount > 0) and \
            self._qnetz_document_claims() or {}
        claim_pattern = claims and re.compile("(%s)(?![0-9])" % "|".join(
            re.escape(key) for key in sorted(claims, key=len, reverse=True)))
        orders = lines.filtered(lambda line: line.amount > 0) and self.env[
            "account.payment.order"].search([("payment_type", "=", "inbound"),
                                             ("state", "in", ("generated", "uploaded"))])
        counts = dict.fromkeys(dict(MATCH_STATES), 0)
        for line in lines:
            invoices = line._qnetz_referenced(references, pattern)
            # what names no open document may still settle a claim document or a direct
            # debit: both only ever bring money in
            unnamed_income = not invoices and line.amount > 0
            claim = unnamed_income and line._qnetz_referenced_claim(claims, claim_pattern)
            order = unnamed_income and not claim and line._qnetz_direct_debit_order(orders)
            if claim:
                state = line._qnetz_settle_claim(claim)
            elif order:
                state = line._qnetz_settle_order(order)
                orders -= order
            else:
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

    # --- a funder claim made as a document only ----------------------------------------

    @api.model
    def _qnetz_document_claims(self):
        """{normalized number: claim} of the funder claims made as documents only, not
        yet received in full: nothing in the books is open for them, the payment itself
        is the booking."""
        claims = self.env["qnetz.funder.claim"].sudo().search([("invoice_id", "=", False)])
        return {normalize_reference(claim.name): claim for claim in claims
                if len(normalize_reference(claim.name)) >= 4
                and to_cents(claim.received_amount) < to_cents(claim.amount_total)}

    def _qnetz_referenced_claim(self, claims, pattern):
        """The one document claim this transaction names, if it names exactly one."""
        self.ensure_one()
        if not pattern:
            return None
        text = normalize_reference(" ".join(
            part for part in (self.name, self.ref, self.note) if part))
        named = {claims[match.group(1)] for match in pattern.finditer(text)}
        return named.pop() if len(named) == 1 else None

    def _qnetz_settle_claim(self, claim):
        """Book the funder's payment of a document claim: as the funding income of the
        course fees (the account and the project's analytic account a claim invoice
        would have used), up to what is still open of the claim; a surplus stays as the
        funder's credit on its receivable account."""
        self.ensure_one()
        open_cents = to_cents(claim.amount_total) - to_cents(claim.received_amount)
        paid = to_cents(self.amount)
        take = min(paid, open_cents)
        funder = claim.funder_id.commercial_partner_id
        account = self.env["event.event"]._qnetz_billing_tools("out_invoice")["account"]
        lines = [{
            "name": _("Funder claim %s") % claim.name, "account_id": account.id,
            "analytic_account_id": claim.project_id.analytic_account_id.id or False,
            "debit": 0.0, "credit": take / 100.0,
        }]
        if paid > take:
            lines.append({
                "name": _("Overpayment of %s") % claim.name,
                "account_id": funder.property_account_receivable_id.id,
                "debit": 0.0, "credit": (paid - take) / 100.0,
            })
        if self.partner_id != funder:
            self.partner_id = funder
        self.process_reconciliation(new_aml_dicts=lines)
        if paid > take:
            state, note = "overpaid", _("%s more than was open: the payer's credit, to be "
                                        "refunded or set off.") % self._qnetz_money(paid - take)
        elif take < open_cents:
            state, note = "partial", _("Funder claim %s partly received.") % claim.name
        else:
            state, note = "paid", _("Funder claim %s") % claim.name
        self.write({"match_state": state, "match_note": note, "funder_claim_id": claim.id,
                    "funder_claim_amount": take / 100.0})
        return state

    # --- a direct debit the bank books as one sum ------------------------------------

    def _qnetz_direct_debit_order(self, orders):
        """The direct-debit order (pain.008 sent to the bank) this incoming sum settles:
        the one its reference names, else the only one of exactly its amount."""
        self.ensure_one()
        text = normalize_reference(" ".join(
            part for part in (self.name, self.ref, self.note) if part))
        named = orders.filtered(lambda order: len(normalize_reference(order.name)) >= 4
                                and normalize_reference(order.name) in text)
        if len(named) == 1:
            return named
        cents = to_cents(self.amount)
        same_sum = orders.filtered(
            lambda order: to_cents(order.total_company_currency) == cents)
        return same_sum if len(same_sum) == 1 else orders.browse()

    def _qnetz_settle_order(self, order):
        """The bank collected the order's direct debits and books them as one sum: the
        order books each company's payment against its invoice (OCA, as when the file is
        marked uploaded), and this transaction is the bank's side of those bookings."""
        self.ensure_one()
        invoices = order.payment_line_ids.mapped("move_line_id.invoice_id")
        if to_cents(order.total_company_currency) != to_cents(self.amount):
            self.write({"match_state": "unmatched", "match_invoice_ids": [(6, 0, invoices.ids)],
                        "match_note": _("Direct debit %s: the bank booked another sum than "
                                        "the order's.") % order.name})
            return "unmatched"
        if order.state == "generated":
            order.generated2uploaded()
        account = self.journal_id.default_debit_account_id
        booked = self.env["account.move"].search([("payment_order_id", "=", order.id)]) \
            .mapped("line_ids").filtered(
                lambda aml: aml.account_id == account and not aml.statement_line_id)
        if to_cents(sum(booked.mapped("balance"))) != to_cents(self.amount):
            self.write({"match_state": "unmatched", "match_invoice_ids": [(6, 0, invoices.ids)],
                        "match_note": _("Direct debit %s: its bookings are not on this bank "
                                        "account; please reconcile by hand.") % order.name})
            return "unmatched"
        self.process_reconciliation(payment_aml_rec=booked)
        order.action_done()
        self.write({"match_state": "paid", "match_invoice_ids": [(6, 0, invoices.ids)],
                    "match_note": _("Direct debit %s") % order.name})
        return "paid"

    def _qnetz_money(self, cents):
        currency = self.journal_id.currency_id or self.company_id.currency_id
        amount = ("%.2f" % (cents / 100.0)).replace(".", ",")
        return "%s %s" % (amount, currency.symbol or currency.name)

    @api.multi
    def action_qnetz_clear(self):
        """The coordinator has settled the case (refunded, set off, booked by hand)."""
        self.write({"match_state": "cleared"})
        return True
