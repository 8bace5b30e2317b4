from datetime import date

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

try:
    import holidays as holidays_lib
except ImportError:  # pragma: no cover - pinned in requirements.txt
    holidays_lib = None

KINDS = [("public", "Public holiday"), ("school", "School holidays")]


class QnetzHoliday(models.Model):
    """A public holiday or a school-holiday period of one federal state.

    Public holidays are computed per year from the `holidays` package the first time a
    year is needed; school holidays are data the coordinator keeps (the states publish
    them, there is no offline source). Both are plain records so that the coordinator can
    correct or add a day.
    """

    _name = "qnetz.holiday"
    _description = "Holiday"
    _order = "date_from, state_id"

    name = fields.Char(required=True)
    kind = fields.Selection(KINDS, required=True, default="school", index=True)
    state_id = fields.Many2one(
        "res.country.state", string="Federal State", required=True, index=True,
        ondelete="cascade")
    date_from = fields.Date(string="From", required=True, index=True)
    date_to = fields.Date(string="To", required=True, index=True)
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    note = fields.Char()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("holiday_unique", "unique(kind, state_id, date_from, name)",
         "This holiday is already in the calendar of this federal state."),
    ]

    @api.depends("date_from")
    def _compute_year(self):
        for holiday in self:
            holiday.year = fields.Date.from_string(holiday.date_from).year \
                if holiday.date_from else 0

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for holiday in self:
            if holiday.date_to < holiday.date_from:
                raise ValidationError(_(
                    "To: %s cannot end before it begins.") % holiday.name)

    @api.model
    def _qnetz_ensure_public(self, years, states):
        """Create the computed public holidays of `states` for `years` once.

        A year already present for a state (also when the coordinator edited or archived
        some days) is left alone: it is the coordinator's calendar from then on.
        """
        years = sorted(set(years))
        if not years or not states or holidays_lib is None:
            return
        self.env.cr.execute("""
            SELECT DISTINCT state_id, year FROM qnetz_holiday
             WHERE kind = 'public' AND state_id IN %s AND year IN %s
        """, (tuple(states.ids), tuple(years)))
        present = set(self.env.cr.fetchall())
        for state in states:
            for year in years:
                if (state.id, year) in present:
                    continue
                try:
                    days = holidays_lib.country_holidays(
                        "DE", subdiv=state.code, years=year, language="de")
                except (NotImplementedError, KeyError):
                    continue
                try:
                    # another request computing the same year at the same time wins
                    with self.env.cr.savepoint():
                        for day, name in sorted(days.items()):
                            self.sudo().create({
                                "name": name, "kind": "public", "state_id": state.id,
                                "date_from": fields.Date.to_string(day),
                                "date_to": fields.Date.to_string(day)})
                except psycopg2.IntegrityError:
                    continue

    @api.model
    def action_compute_public_year(self, year=None):
        """Button of the list: fill in next year's public holidays of the network's states."""
        if not self.env.user.has_group("qnetz_base.group_qnetz_coordinator"):
            raise AccessError(_("Only the coordinator keeps the holiday calendars."))
        year = year or date.today().year + 1
        states = self.env["qnetz.district"].search([]).mapped("state_id")
        self._qnetz_ensure_public([year], states)
        return True
