from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

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
    mail_requested_by_id = fields.Many2one(
        "res.users", string="Email Requested By", readonly=True, copy=False, index=True,
        help="Who asked for the invoice's email; the mail queue writes it in their name.")

    @api.multi
    def _qnetz_send_by_mail(self):
        """Ask the mail queue to mail each validated invoice with Odoo's invoice template,
        PDF attached. wkhtmltopdf takes a second or more per invoice, so the page does not
        render anything: the queue's next run (every minute) writes each mail with its PDF
        in the name of whoever asked (`_qnetz_write_requested_mails`) and sends it, and the
        invoice counts as sent once the server accepted it. Returns the invoices that
        cannot be mailed because the company has no email address."""
        unsent = self.filtered(lambda i: not i.partner_id.email)
        (self - unsent).write({"mail_state": "queued", "mail_failure": False,
                               "mail_requested_by_id": self.env.uid})
        return unsent

    @api.model
    def _qnetz_write_requested_mails(self):
        """The mail queue's first step (mail.mail.process_email_queue in qnetz_base): the
        invoice mails asked for since its last run, each with its PDF, written as the
        person who asked.
        An invoice whose PDF or mail cannot be made is marked not delivered, with the
        reason and a to-do for the coordinators; the others go on."""
        template = self.env.ref("account.email_template_edi_invoice")
        for invoice in self.sudo().search([("mail_requested_by_id", "!=", False)]):
            author = invoice.mail_requested_by_id
            try:
                with self.env.cr.savepoint():
                    invoice.sudo(author).with_context(
                        force_email=True, mail_notify_force_send=False,
                        custom_layout="account.mail_template_data_notification_email_"
                                      "account_invoice",
                    ).message_post_with_template(
                        template.id, composition_mode="comment", message_type="comment")
                    invoice.mail_requested_by_id = False
            except (UserError, OSError) as error:
                # wkhtmltopdf or the template failed: said on the invoice, not lost
                invoice.write({"mail_state": "failed", "mail_requested_by_id": False,
                               "mail_failure": tools.ustr(error)})
                invoice._qnetz_update_mail_todos()

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
        for invoice in failed:
            invoice._qnetz_todo(summary, _(
                "The email with invoice %s to %s was not delivered: %s Correct the address "
                "if needed and use 'Send Again'.") % (
                invoice.number or invoice.name, invoice.partner_id.name,
                invoice.mail_failure or ""), once=True)

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
