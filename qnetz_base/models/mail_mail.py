from collections import defaultdict

from odoo import _, api, models, tools


class MailMail(models.Model):
    """Without an outgoing mail server, mail waits in the queue instead of failing.

    The production profile leaves `smtp_server` empty until SMTP_HOST is set; sending
    would then mark every mail as failed and lose it from the queue. Held mail goes out
    on the first run of the mail queue after the server is configured, and the
    coordinators get one to-do that says why nothing is sent."""

    _inherit = "mail.mail"

    @api.model
    def _qnetz_outgoing_configured(self):
        return bool(tools.config.get("smtp_server")) \
            or bool(self.env["ir.mail_server"].sudo().search_count([]))

    @api.model
    def process_email_queue(self, ids=None):
        # A document whose mail is slow to write (an invoice renders its PDF) only asks for
        # it in the request; the queue writes such mails first, so that they leave in this
        # run. A model that works this way defines `_qnetz_write_requested_mails()`.
        for name in self.env.registry.models:
            if hasattr(self.env[name], "_qnetz_write_requested_mails"):
                self.env[name]._qnetz_write_requested_mails()
        return super(MailMail, self).process_email_queue(ids=ids)

    @api.multi
    def send(self, auto_commit=False, raise_exception=False):
        if not self._qnetz_outgoing_configured():
            self._qnetz_notify_mail_held()
            self._qnetz_report_delivery("held")
            return True
        result = super(MailMail, self).send(auto_commit=auto_commit,
                                            raise_exception=raise_exception)
        # a mail that failed (refused, or no server reachable: Odoo then marks the whole
        # batch failed without post-processing it) stays in the queue as 'exception'
        self.exists().filtered(lambda mail: mail.state == "exception")._qnetz_report_delivery(
            "failed")
        return result

    @api.multi
    def _postprocess_sent_message(self, mail_sent=True):
        # before Odoo deletes a delivered mail (auto_delete): only here is it known
        # that the server accepted it
        if mail_sent:
            self._qnetz_report_delivery("sent")
        return super(MailMail, self)._postprocess_sent_message(mail_sent=mail_sent)

    @api.multi
    def _qnetz_report_delivery(self, state):
        """Tell the documents these mails are about what became of them: 'held' (no
        server configured), 'sent' (the SMTP server accepted it) or 'failed'. The one
        place a mail's fate reaches its document: a model that wants to know defines
        `_qnetz_mail_delivery(state, mails)`."""
        by_model = defaultdict(set)
        for mail in self.sudo():
            if mail.model and mail.res_id and mail.model in self.env:
                by_model[mail.model].add(mail.res_id)
        for model, ids in by_model.items():
            records = self.env[model].sudo().browse(list(ids)).exists()
            if records and hasattr(records, "_qnetz_mail_delivery"):
                records._qnetz_mail_delivery(state, self.sudo().filtered(
                    lambda mail, m=model: mail.model == m))

    @api.model
    def _qnetz_notify_mail_held(self):
        summary = _("Outgoing mail is not set up")
        waiting = self.sudo().search_count([("state", "=", "outgoing")])
        note = _("%d e-mails are waiting in the queue: the server has no outgoing mail "
                 "settings (SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, EMAIL_FROM in the "
                 "environment of `make prod`). They are sent once it has.") % waiting
        self.env.user.company_id.partner_id.sudo()._qnetz_todo(summary, note, once=True)
