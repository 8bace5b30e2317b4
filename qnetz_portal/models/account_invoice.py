from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import formatLang

from odoo.addons.qnetz_courses.spine.course_time import format_date


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.model
    def _qnetz_portal_payments(self):
        """What the logged-in user's organisation sees on /my/payments: a company its
        course-fee invoices (open, partly paid, paid on, reminded, disputed), a provider its
        bills (submitted, approved, paid on).

        The organisation is the user's own, never an id from the request; the documents
        are read as superuser only after that (the payment status reads reconciliations
        and reminders, which share users have no right to read, and need none)."""
        user = self.env.user
        roles = user._qnetz_portal_roles()
        if not roles & {"company", "provider"}:
            raise AccessError(_("Only training companies and providers have payments here."))
        partner = user.commercial_partner_id
        Invoice = self.sudo()
        values = {"invoice_rows": [], "bill_rows": [], "mandate_rows": [],
                  "show_invoices": False, "show_bills": False}
        if "company" in roles:
            values["show_invoices"] = True
            values["mandate_rows"] = self._qnetz_portal_mandates(partner)
            values["invoice_rows"] = self._qnetz_portal_rows(Invoice.search([
                ("commercial_partner_id", "=", partner.id), ("type", "=", "out_invoice"),
                ("state", "in", ("open", "paid")), ("course_id", "!=", False),
            ], order="date_invoice desc, id desc"))
        if "provider" in roles:
            values["show_bills"] = True
            values["bill_rows"] = self._qnetz_portal_rows(Invoice.search([
                ("commercial_partner_id", "=", partner.id), ("is_provider_bill", "=", True),
                ("state", "in", ("draft", "open", "paid")),
            ], order="date_invoice desc, id desc"))
        return values

    @api.model
    def _qnetz_portal_mandates(self, partner):
        """The company's SEPA mandates: reference, date of signature, the account's last
        four digits (the full IBAN is not shown again), and whether it is in force."""
        mandates = self.env["account.banking.mandate"].sudo().search(
            [("partner_id", "=", partner.id), ("state", "!=", "draft")],
            order="signature_date desc")
        states = dict(mandates._fields["state"]._description_selection(self.env))
        return [{
            "reference": mandate.unique_mandate_reference,
            "signed": format_date(fields.Date.from_string(mandate.signature_date))
            if mandate.signature_date else "",
            "account": "… %s" % (mandate.partner_bank_id.sanitized_acc_number or "")[-4:],
            "state": mandate.state,
            "label": states.get(mandate.state, mandate.state),
        } for mandate in mandates]

    @api.model
    def _qnetz_portal_rows(self, invoices):
        rows = []
        for invoice, status in invoices._qnetz_payment_status():
            currency = invoice.currency_id
            due = fields.Date.from_string(invoice.date_due) if invoice.date_due else None
            rows.append(dict(
                status,
                id=invoice.id,
                number=invoice.number or _("(not numbered yet)"),
                course=invoice.course_id.name or "",
                date=format_date(fields.Date.from_string(invoice.date_invoice))
                if invoice.date_invoice else "",
                due=format_date(due) if due and invoice.state == "open" else "",
                amount=formatLang(self.env, invoice.amount_total, currency_obj=currency),
                open_amount=formatLang(self.env, invoice.residual, currency_obj=currency)
                if invoice.state == "open" else "",
            ))
        return rows
