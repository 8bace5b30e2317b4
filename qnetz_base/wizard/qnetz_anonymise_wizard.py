from odoo import _, api, fields, models
from odoo.exceptions import UserError


class QnetzAnonymiseWizard(models.TransientModel):
    """Asks before the identities of the selected people are removed for good."""

    _name = "qnetz.anonymise.wizard"
    _description = "Confirm Anonymisation"

    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return []
        return [(6, 0, self.env.context.get("active_ids") or [])]

    partner_ids = fields.Many2many(
        "res.partner", "qnetz_anonymise_wizard_partner_rel", "wizard_id", "partner_id",
        string="People", default=_default_partner_ids, readonly=True)
    partner_count = fields.Integer(compute="_compute_summary", string="Number of People")
    summary = fields.Char(compute="_compute_summary")

    @api.depends("partner_ids")
    def _compute_summary(self):
        for wizard in self:
            count = len(wizard.partner_ids)
            wizard.partner_count = count
            wizard.summary = _(
                "%d people lose their names, contact data, messages and logins for good. "
                "This cannot be undone.") % count

    @api.multi
    def action_anonymise(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(_("People: select at least one person to anonymise."))
        # the model method checks the caller's group and refuses organisations
        self.partner_ids.action_qnetz_anonymise()
        return {"type": "ir.actions.act_window_close"}
