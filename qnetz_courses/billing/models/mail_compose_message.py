from odoo import api, models


class MailComposeMessage(models.TransientModel):
    """Odoo's "Send by Email" on an invoice marks it sent before the mail left; here the
    invoice waits for the mail server's answer like a billing run's mail does
    (`account.invoice._qnetz_mail_delivery`), and the mail goes through the queue."""

    _inherit = "mail.compose.message"

    @api.multi
    def send_mail(self, auto_commit=False):
        context = self.env.context
        invoice = self.env["account.invoice"]
        composer = self
        if context.get("default_model") == "account.invoice" and context.get("default_res_id") \
                and context.get("mark_invoice_as_sent"):
            invoice = invoice.browse(context["default_res_id"])
            composer = self.with_context(mark_invoice_as_sent=False, mail_post_autofollow=True,
                                         mail_notify_force_send=False)
        result = super(MailComposeMessage, composer).send_mail(auto_commit=auto_commit)
        if invoice:
            invoice.write({"mail_state": "queued", "mail_failure": False})
        return result
