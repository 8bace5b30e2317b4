from odoo import api, models

from ..tools import checked_group_domain


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        return super(IrAttachment, self).read_group(
            checked_group_domain(self, domain), fields, groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy)
