from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class QnetzSchoolSchedule(models.Model):
    """When apprentices are at the vocational school (Berufsschulzeiten).

    Set for a school, optionally narrowed to an occupation and a training year; one set
    for an apprentice replaces those of the school for that apprentice. Either a weekday
    pattern (part-time school) or block weeks (Blockunterricht).
    """

    _name = "qnetz.school.schedule"
    _inherit = "qnetz.weekday.mixin"
    _description = "Vocational-School Days"
    _order = "apprentice_id, vocational_school_id, occupation_id, training_year"

    name = fields.Char(compute="_compute_name", store=True)
    vocational_school_id = fields.Many2one(
        "res.partner", string="Vocational School", index=True, ondelete="cascade",
        domain=[("is_vocational_school", "=", True)])
    occupation_id = fields.Many2one(
        "qnetz.occupation", string="Training Occupation", ondelete="cascade",
        help="Empty: all occupations of the school.")
    training_year = fields.Selection(
        [("1", "1st year"), ("2", "2nd year"), ("3", "3rd year"), ("4", "4th year")],
        help="Empty: all training years.")
    apprentice_id = fields.Many2one(
        "res.partner", string="Apprentice", index=True, ondelete="cascade",
        domain=[("is_apprentice", "=", True)],
        help="Set for one apprentice whose school days differ: replaces the school's.")
    mode = fields.Selection(
        [("weekdays", "Weekdays"), ("block", "Block weeks")], required=True,
        default="weekdays", string="Kind")
    date_from = fields.Date(string="Valid From", help="E.g. the start of the school year.")
    date_to = fields.Date(string="Valid To")
    block_ids = fields.One2many("qnetz.school.block", "schedule_id", string="Block Weeks")

    @api.depends("vocational_school_id", "occupation_id", "training_year", "apprentice_id")
    def _compute_name(self):
        for schedule in self:
            parts = [schedule.apprentice_id.name or schedule.vocational_school_id.name or "",
                     schedule.occupation_id.name or "",
                     schedule.training_year and "%s." % schedule.training_year or ""]
            schedule.name = ", ".join(part for part in parts if part)

    @api.constrains("vocational_school_id", "apprentice_id")
    def _check_target(self):
        for schedule in self:
            if not schedule.vocational_school_id and not schedule.apprentice_id:
                raise ValidationError(_(
                    "Vocational School: set the school or the apprentice the school days "
                    "belong to."))

    def _weekdays(self):
        self.ensure_one()
        return set(self._qnetz_weekday_numbers())
