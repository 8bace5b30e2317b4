from odoo import _, api, fields, models

MAIL_STATES = [
    ("queued", "Waiting to Be Sent"),
    ("held", "Held: No Mail Server"),
    ("sent", "Sent"),
    ("failed", "Not Delivered"),
]


class AccountInvoice(models.Model):
    """Sending an invoice by email, and what became of the mail.

    "Sent" is only what the mail server accepted: the invoice learns its mail's fate from
    the mail queue (`mail.mail._qnetz_report_delivery` in qnetz_base), not from the button
    that handed the mail over."""

    _inherit = "account.invoice"

    mail_state = fields.Selection(
        MAIL_STATES, string="Email", readonly=True, copy=False, index=True,
        track_visibility="onchange",
        help="What became of the invoice's email to the company: waiting in the queue, held "
             "because no mail server is set up, accepted by the mail server, or refused.")
    mail_failure = fields.Text(
        string="Why the Email Failed", readonly=True, copy=False)

    @api.multi
    def _qnetz_send_by_mail(self):
        """Hand each validated invoice to the mail queue with Odoo's invoice template (PDF
        attached). The page does not wait for the mail server: the queue sends it, and
        the invoice counts as sent once the server accepted it. Returns the invoices that
        could not be sent because the company has no email address."""
        template = self.env.ref("account.email_template_edi_invoice")
        unsent = self.filtered(lambda i: not i.partner_id.email)
        # one message per invoice: the mail (with its PDF) is rendered per invoice anyway
        for invoice in self - unsent:
            invoice.with_context(
                force_email=True, mail_notify_force_send=False,
                custom_layout="account.mail_template_data_notification_email_account_invoice",
            ).message_post_with_template(
                template.id, composition_mode="comment", message_type="comment")
        (self - unsent).write({"mail_state": "queued", "mail_failure": False})
        return unsent

    @api.multi
    def _qnetz_mail_delivery(self, state, mails):
        """The mail queue's report on mails about these invoices (see qnetz_base)."""
        for invoice in self:
            partner = invoice.partner_id
            about = mails.filtered(lambda m, i=invoice: m.res_id == i.id and (
                partner in m.recipient_ids
                or (partner.email and partner.email in (m.email_to or ""))))
            if not about:
                # mails to others (e.g. followers) say nothing about the company's copy
                continue
            values = {"mail_state": state}
            if state == "sent":
                values.update(sent=True, mail_failure=False)
            elif state == "failed":
                values["mail_failure"] = "\n".join(
                    reason for reason in about.mapped("failure_reason") if reason) or False
            invoice.write(values)
        self._qnetz_update_mail_todos()

    @api.multi
    def _qnetz_update_mail_todos(self):
        """A to-do for the coordinators on every invoice whose mail failed; done once sent."""
        summary = _("Invoice email not delivered")
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        existing = Activity.search([("res_model", "=", self._name), ("res_id", "in", self.ids),
                                    ("summary", "=", summary)])
        existing.filtered(lambda a: self.browse(a.res_id).mail_state != "failed").unlink()
        failed = self.filtered(lambda i: i.mail_state == "failed")
        if not failed:
            return
        coordinators = self.env.ref("qnetz_base.group_qnetz_coordinator").users.filtered(
            lambda u: u.active and u.id != 1)
        model = self.env["ir.model"]._get(self._name)
        todo = self.env.ref("mail.mail_activity_data_todo")
        known = {(a.res_id, a.user_id.id) for a in existing if a.exists()}
        for invoice in failed:
            for user in coordinators:
                if (invoice.id, user.id) in known:
                    continue
                Activity.create({
                    "res_model_id": model.id, "res_id": invoice.id, "user_id": user.id,
                    "activity_type_id": todo.id, "summary": summary,
                    "note": _("The email with invoice %s to %s was not delivered: %s "
                              "Correct the address if needed and use 'Send Again'.") % (
                        invoice.number or invoice.name, invoice.partner_id.name,
                        invoice.mail_failure or ""),
                })

    @api.multi
    def action_qnetz_retry_mail(self):
        """Put the invoices' failed or held mails back into the queue; an invoice whose mail
        is gone is mailed anew."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        retry = self.filtered(lambda i: i.mail_state in ("failed", "held"))
        mails = self.env["mail.mail"].sudo().search([
            ("model", "=", self._name), ("res_id", "in", retry.ids),
            ("state", "in", ("exception", "outgoing"))])
        mails.mark_outgoing()
        retry.write({"mail_state": "queued", "mail_failure": False})
        (retry - self.browse(mails.mapped("res_id")))._qnetz_send_by_mail()
        retry._qnetz_update_mail_todos()
        return True
