from odoo import api, models

from .mail_template import STORED_TEMPLATE


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    @api.multi
    def render_message(self, res_ids):
        # a mass mail from a template renders the template's own stored texts as long as
        # nobody changed them in the composer (mail.template.render_template refuses
        # code that is not a stored template's to everyone but the administrators)
        template = self.template_id
        if template and all((self[name] or False) == (template[field] or False) for name, field in (
                ("subject", "subject"), ("body", "body_html"),
                ("email_from", "email_from"), ("reply_to", "reply_to"))):
            self = self.with_context(qnetz_template_source=STORED_TEMPLATE)
        return super(MailComposeMessage, self).render_message(res_ids)
