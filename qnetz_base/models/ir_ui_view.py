from odoo import api, models

from ..tools import count_text


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    @api.model
    def _prepare_qcontext(self):
        # pages count in the reader's language: <t t-set="forms">%d course|%d courses</t>
        # then <t t-esc="count_text(n, forms)"/>, one rule for every template (tools.count_text)
        qcontext = super(IrUiView, self)._prepare_qcontext()
        env = self.env
        qcontext["count_text"] = lambda count, forms: count_text(env, count, forms)
        return qcontext
