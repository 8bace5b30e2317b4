from odoo import api, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.model
    def process_email_queue(self, ids=None):
        # The invoice mails asked for since the last run are written first, with their
        # PDFs, so that they leave in this run (account.invoice._qnetz_send_by_mail).
        self.env["account.invoice"]._qnetz_write_requested_mails()
        return super(MailMail, self).process_email_queue(ids=ids)
