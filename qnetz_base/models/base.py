from odoo import SUPERUSER_ID, api, models


class Base(models.AbstractModel):
    """Entry points of every model that Odoo answers without asking for read access."""

    _inherit = "base"

    @api.model
    def _qnetz_check_share_read(self):
        # a share user may learn of a model only what it may read (see qnetz.share.grant)
        if self.env.uid != SUPERUSER_ID and self.env.user.share:
            self.check_access_rights("read")

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        # Odoo describes any model to anyone who asks
        self._qnetz_check_share_read()
        return super(Base, self).fields_get(allfields=allfields, attributes=attributes)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        # Odoo exports a record's name without reading it where the model has no name field
        self._qnetz_check_share_read()
        return super(Base, self).export_data(fields_to_export, raw_data=raw_data)
