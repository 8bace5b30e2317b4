from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The school year begins on 1 August in both states (SchulG NRW § 7, NSchG § 28).
SCHOOL_YEAR_START = (8, 1)
# From this many days before it, the coordinator is asked for the school days that are
# missing for the new school year: the schools publish them in June and July.
SCHOOL_YEAR_NOTICE_DAYS = 60


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

    @api.model
    def _qnetz_next_school_year(self, today):
        start = date(today.year, *SCHOOL_YEAR_START)
        return start if today <= start else date(today.year + 1, *SCHOOL_YEAR_START)

    @api.model
    def _qnetz_cron_school_year_todos(self, today=None):
        """Daily: before a school year begins, a to-do for the coordinator per vocational
        school of the network's apprentices whose school days for it are missing or end
        before it. Returns the new to-dos."""
        today = today or fields.Date.from_string(fields.Date.context_today(self))
        year_start = self._qnetz_next_school_year(today)
        todos = self.env["mail.activity"].sudo()
        if (year_start - today).days > SCHOOL_YEAR_NOTICE_DAYS:
            return todos
        schools = self.env["res.partner"].sudo().search([
            ("is_apprentice", "=", True), ("vocational_school_id", "!=", False)]).mapped(
            "vocational_school_id")
        if not schools:
            return todos
        start_s = fields.Date.to_string(year_start)
        schedules = self.sudo().search([("vocational_school_id", "in", schools.ids),
                                        ("apprentice_id", "=", False)])
        coordinator = self.env["res.users"]._qnetz_first_coordinator()
        label = self.env["qnetz.calendar"]._qnetz_school_year_label(year_start)
        for school in schools:
            own = schedules.filtered(lambda s: s.vocational_school_id == school)
            covering = own.filtered(lambda s: (not s.date_from or s.date_from <= start_s)
                                    and (not s.date_to or s.date_to >= start_s))
            if covering:
                continue
            if own:
                summary = _("School days end before the school year %s: %s") % (
                    label, school.name)
            else:
                summary = _("School days missing for the school year %s: %s") % (
                    label, school.name)
            todos |= school._qnetz_todo(
                summary, _("Enter the vocational-school days of the new school year "
                           "(Configuration > Calendars > Vocational-School Days); without "
                           "them courses may be planned on the apprentices' school days."),
                users=coordinator, deadline=fields.Date.to_string(year_start), once=True)
        return todos
