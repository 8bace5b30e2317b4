from odoo import api, models


class QnetzAuditMixin(models.AbstractModel):
    """Exports of personal data go into the audit trail: auditlog logs reads and writes
    but not `export_data`, through which the backend's Export writes its files."""

    _name = "qnetz.audit.mixin"
    _description = "Audit trail of exports"

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        records = self.filtered("is_apprentice") if self._name == "res.partner" else self
        self.env["auditlog.log"]._qnetz_log(records, "export")
        return super(QnetzAuditMixin, self).export_data(fields_to_export, raw_data=raw_data)
