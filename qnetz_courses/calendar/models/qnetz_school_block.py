from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class QnetzSchoolBlock(models.Model):
    """One block of full-time school (Blockwoche), part of a vocational-school schedule."""

    _name = "qnetz.school.block"
    _description = "Vocational-School Block"
    _order = "date_from"

    schedule_id = fields.Many2one(
        "qnetz.school.schedule", string="School Days", required=True, index=True,
        ondelete="cascade")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for block in self:
            if block.date_to < block.date_from:
                raise ValidationError(_("To: a block week cannot end before it begins."))
