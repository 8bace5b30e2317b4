from odoo import _, api, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "qnetz.audit.mixin"]

    @api.multi
    def action_qnetz_anonymise(self):
        """After anonymisation the audit trail forgets the person too: its logs name
        them. One log is kept that says who anonymised the record, and when."""
        profiles = self.with_context(active_test=False).sudo().mapped("target_profile_ids")
        result = super(ResPartner, self).action_qnetz_anonymise()
        Log = self.env["auditlog.log"]
        Log._qnetz_forget("qnetz.target.profile", profiles.ids)
        Log._qnetz_forget("res.partner", self.ids)
        Log._qnetz_log(self.sudo().with_context(active_test=False), "anonymise",
                       name=_("Anonymised"))
        return result
