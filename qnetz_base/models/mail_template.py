import re

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

# Mako's code: ${expression}, <% block %>, <%tag>, and "% for ..." control lines
MAKO_CODE = re.compile(r"\$\{|<%|^[ \t]*%(?!%)", re.MULTILINE)

# Marks a rendering of a template's own stored fields. A Python object, not a value: a
# context that arrives over RPC is JSON and cannot carry it.
STORED_TEMPLATE = object()


def has_template_code(value):
    return isinstance(value, str) and bool(MAKO_CODE.search(value))


class MailTemplate(models.Model):
    _inherit = "mail.template"

    # Odoo 11 renders a template's Mako in a sandbox from which object.env and sudo() are
    # reachable: whoever writes template code runs it with every right. render_template is
    # a public method that takes the code as an argument, and every employee may write
    # templates and their translations. So template code is the administrators' alone:
    # others render only the stored templates (generate_email, get_email_template) or
    # text without code, and may not store code in a template or its translations.

    @api.model
    def _qnetz_may_write_template_code(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group("base.group_system")

    @api.model
    def _qnetz_check_template_code(self, values):
        if self._qnetz_may_write_template_code():
            return
        if any(has_template_code(value) for value in values):
            raise AccessError(_("Only administrators may write or render e-mail template "
                                "code (${...}, % lines)."))

    @api.model
    def render_template(self, template_txt, model, res_ids, post_process=False):
        if self.env.context.get("qnetz_template_source") is not STORED_TEMPLATE:
            self._qnetz_check_template_code([template_txt])
        return super(MailTemplate, self).render_template(
            template_txt, model, res_ids, post_process=post_process)

    @api.multi
    def generate_email(self, res_ids, fields=None):
        stored = self.with_context(qnetz_template_source=STORED_TEMPLATE)
        return super(MailTemplate, stored).generate_email(res_ids, fields=fields)

    @api.multi
    def get_email_template(self, res_ids):
        stored = self.with_context(qnetz_template_source=STORED_TEMPLATE)
        return super(MailTemplate, stored).get_email_template(res_ids)

    @api.model
    def create(self, values):
        self._qnetz_check_template_code(values.values())
        return super(MailTemplate, self).create(values)

    @api.multi
    def write(self, values):
        self._qnetz_check_template_code(values.values())
        return super(MailTemplate, self).write(values)
