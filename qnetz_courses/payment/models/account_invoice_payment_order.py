from odoo import _, api, models
from odoo.exceptions import UserError


class AccountInvoice(models.Model):
    """Payment orders (OCA account_payment_order) made from the network's documents:
    direct debit of course fees (pain.008) and transfers of provider bills (pain.001)."""

    _inherit = "account.invoice"

    @api.multi
    def _qnetz_payment_order(self, mode=None):
        """One new payment order for the open amounts of these invoices that no live order
        holds yet; an empty recordset when nothing is left to collect or pay."""
        Order = self.env["account.payment.order"]
        lines = self.filtered(lambda inv: inv.state == "open").mapped("move_id.line_ids") \
            .filtered(lambda line: not line.reconciled
                      and line.account_id.internal_type in ("receivable", "payable")
                      and not line.payment_line_ids.filtered(
                          lambda pay: pay.state in ("draft", "open", "generated")))
        if not lines:
            return Order
        mode = mode or self.env.ref("qnetz_courses.payment_mode_direct_debit")
        journal = self.env["account.journal"].search([
            ("type", "=", "bank"), ("company_id", "=", mode.company_id.id),
            ("bank_account_id", "!=", False)], limit=1)
        if not journal:
            raise UserError(_("Payment order: the company has no bank journal with its bank "
                              "account (IBAN); enter it under Settings › Companies."))
        order = Order.create({
            "payment_mode_id": mode.id,
            "journal_id": journal.id,
            "payment_type": mode.payment_type,
            "description": ", ".join(sorted(set(self.mapped("course_id.name"))))[:140]
            or False,
        })
        lines.create_payment_line_from_move_line(order)
        return order

    @api.multi
    def action_qnetz_credit_transfer(self):
        """The coordinator pays the approved provider bills that are due: one payment order
        (SEPA credit transfer, pain.001) for the selected bills."""
        bills = self.filtered(lambda inv: inv.is_provider_bill and inv.state == "open")
        if not bills:
            raise UserError(_("Select approved (validated) provider bills to pay."))
        order = bills._qnetz_payment_order(
            self.env.ref("qnetz_courses.payment_mode_credit_transfer"))
        if not order:
            raise UserError(_("These provider bills are paid or already in a payment order."))
        action = self.env.ref("account_payment_order.account_payment_order_outbound_action") \
            .read()[0]
        action.update({"res_id": order.id, "view_mode": "form", "views": [(False, "form")]})
        return action
