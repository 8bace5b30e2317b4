from odoo import api, fields, models


class EventEvent(models.Model):
    """Which funded project a course belongs to and who pays its funded share."""

    _inherit = "event.event"

    project_id = fields.Many2one(
        "qnetz.project", string="Funded Project", index=True, ondelete="restrict",
        track_visibility="onchange", groups="qnetz_base.group_qnetz_user",
        help="The project whose analytic account the course's invoices and bills carry; "
             "set from the course's start when left empty.")
    funder_id = fields.Many2one(
        "res.partner", string="Funding Paid By", track_visibility="onchange",
        groups="qnetz_base.group_qnetz_user",
        help="Who pays the funding share: by default the project's funding body; it may be "
             "another programme, e.g. the employment agency or a chamber.")

    @api.model
    def _qnetz_default_funding_share(self, date):
        return self.env["qnetz.project"]._qnetz_funding_share_for_date(date)

    @api.onchange("project_id")
    def _onchange_project_id(self):
        # the funder follows the project unless the course names another one
        previous = self._origin.project_id.sudo()
        if self.project_id and (not self.funder_id or self.funder_id == previous.funder_id):
            self.funder_id = self.project_id.funder_id
        # so does the funding share, unless the coordinator set another one
        if self.project_id and self.funding_share in (0.0, previous.funding_rate):
            self.funding_share = self.project_id.sudo().funding_rate

    @api.model
    def create(self, vals):
        if vals.get("is_qnetz_course") and "project_id" not in vals:
            project = self.env["qnetz.project"].sudo()._qnetz_project_for_date(
                vals.get("date_begin"))
            vals = dict(vals, project_id=project.id)
        if vals.get("is_qnetz_course") and "funding_share" not in vals and vals.get("project_id"):
            # a funded course is funded at its project's rate unless told otherwise
            vals = dict(vals, funding_share=self.env["qnetz.project"].sudo().browse(
                vals["project_id"]).funding_rate)
        if vals.get("project_id") and not vals.get("funder_id"):
            vals = dict(vals, funder_id=self.env["qnetz.project"].sudo().browse(
                vals["project_id"]).funder_id.id)
        return super(EventEvent, self).create(vals)

    @api.multi
    def write(self, vals):
        following = self.browse()
        if vals.get("project_id") and "funder_id" not in vals:
            # the funder follows the project unless the course names another one
            following = self.sudo().filtered(
                lambda event: event.funder_id == event.project_id.funder_id)
        result = super(EventEvent, self).write(vals)
        if following:
            following.write({"funder_id": self.env["qnetz.project"].sudo().browse(
                vals["project_id"]).funder_id.id})
        return result
