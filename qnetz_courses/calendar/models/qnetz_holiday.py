import logging
from datetime import date

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

try:
    import holidays as holidays_lib
except ImportError:  # pragma: no cover - pinned in requirements.txt
    holidays_lib = None

_logger = logging.getLogger(__name__)

KINDS = [("public", "Public holiday"), ("school", "School holidays")]


# A school-holiday period longer than this is a typing error: the summer holidays, the
# longest, last about six and a half weeks.
MAX_SCHOOL_HOLIDAY_DAYS = 60
# Where the computed public holidays come from (named on each computed record).
COMPUTED_SOURCE = "holidays (Python package), Feiertagsgesetze der Länder"
# From 1 May the coordinator is asked for the next school year's school holidays: the
# decrees are published years ahead, and the autumn's courses are planned from the spring.
SCHOOL_HOLIDAY_NOTICE_FROM = (5, 1)


class QnetzHoliday(models.Model):
    """A public holiday or a school-holiday period of one federal state.

    Public holidays are computed per year from the `holidays` package and marked as
    computed; a year is complete when every computed day of it is there, so the
    coordinator's own days (a local holiday, a closing day) sit beside them and never
    stop the computation. School holidays are data with their source: shipped for the
    years the states have published, loaded by the coordinator from the states' calendar
    files (.ics) after that.
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
    source = fields.Char(
        help="Where the dates come from: the state's published decree or calendar file. "
             "Required for school holidays.")
    computed = fields.Boolean(
        readonly=True, copy=False,
        help="Computed from the holiday laws; archive it rather than change it.")
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

    @api.constrains("date_from", "date_to", "kind")
    def _check_dates(self):
        for holiday in self:
            if holiday.date_to < holiday.date_from:
                raise ValidationError(_(
                    "To: %s cannot end before it begins.") % holiday.name)
            length = (fields.Date.from_string(holiday.date_to)
                      - fields.Date.from_string(holiday.date_from)).days + 1
            if holiday.kind == "school" and length > MAX_SCHOOL_HOLIDAY_DAYS:
                raise ValidationError(_(
                    "To: %s would last %d days; school holidays last at most %d days.")
                    % (holiday.name, length, MAX_SCHOOL_HOLIDAY_DAYS))

    @api.constrains("kind", "source")
    def _check_source(self):
        for holiday in self:
            if holiday.kind == "school" and not (holiday.source or "").strip():
                raise ValidationError(_(
                    "Source: name where the school holidays %s come from (the state's "
                    "decree or calendar file).") % holiday.name)

    @api.constrains("kind", "state_id", "date_from", "date_to", "active")
    def _check_overlap(self):
        school = self.filtered(lambda h: h.kind == "school" and h.active)
        if not school:
            return
        self.env.cr.execute("""
            SELECT a.name, b.name, s.name
              FROM qnetz_holiday a
              JOIN qnetz_holiday b ON b.state_id = a.state_id AND b.id != a.id
                   AND b.kind = 'school' AND b.active
                   AND b.date_from <= a.date_to AND b.date_to >= a.date_from
              JOIN res_country_state s ON s.id = a.state_id
             WHERE a.id IN %s
             LIMIT 1
        """, (tuple(school.ids),))
        row = self.env.cr.fetchone()
        if row:
            raise ValidationError(_(
                "From: the school holidays %s overlap with %s in %s.") % row)

    @api.model
    def _qnetz_computed_days(self, state, year):
        """{date: name} of the public holidays of `state` in `year` by law."""
        if holidays_lib is None:
            return {}
        try:
            return dict(holidays_lib.country_holidays(
                "DE", subdiv=state.code, years=year, language="de"))
        except (NotImplementedError, KeyError):
            return {}

    @api.model
    def _qnetz_ensure_public(self, years, states):
        """Add the computed public holidays of `states` in `years` that are not there.

        A computed day the coordinator archived stays archived (it is there, inactive);
        the coordinator's own days do not count as computed ones.
        """
        years = sorted(set(years))
        if not years or not states:
            return
        self.env.cr.execute("""
            SELECT state_id, date_from, name FROM qnetz_holiday
             WHERE kind = 'public' AND state_id IN %s AND year IN %s
        """, (tuple(states.ids), tuple(years)))
        present = {(state_id, fields.Date.to_string(day) if not isinstance(day, str)
                    else day, name) for state_id, day, name in self.env.cr.fetchall()}
        missing = []
        for state in states:
            for year in years:
                for day, name in sorted(self._qnetz_computed_days(state, year).items()):
                    key = (state.id, fields.Date.to_string(day), name)
                    if key not in present:
                        missing.append(key)
        if not missing:
            return
        try:
            with self.env.cr.savepoint():
                for state_id, day, name in missing:
                    self.sudo().create({
                        "name": name, "kind": "public", "state_id": state_id,
                        "date_from": day, "date_to": day, "computed": True,
                        "source": COMPUTED_SOURCE})
        except psycopg2.IntegrityError:
            # another request computed the same days at the same time: theirs stand
            _logger.info("Public holidays %s computed by another request", years)

    @api.model
    def _qnetz_open_school_holidays(self, states=None):
        """The school holidays of `states` as an action, for the planners' warnings about
        missing school holidays: where the coordinator enters them."""
        action = self.env.ref("qnetz_courses.qnetz_holiday_action").read()[0]
        context = {"search_default_school": 1, "search_default_group_year": 1,
                   "default_kind": "school"}
        if states:
            action["domain"] = [("state_id", "in", states.ids)]
            if len(states) == 1:
                context["default_state_id"] = states.id
        action["context"] = context
        return action

    @api.model
    def action_compute_public_year(self, year=None):
        """Button of the list: fill in next year's public holidays of the network's states."""
        if not self.env.user.has_group("qnetz_base.group_qnetz_coordinator"):
            raise AccessError(_("Only the coordinator keeps the holiday calendars."))
        year = year or date.today().year + 1
        states = self.env["qnetz.district"].search([]).mapped("state_id")
        self._qnetz_ensure_public([year], states)
        return True

    @api.model
    def _qnetz_cron_school_holiday_todos(self, today=None):
        """Daily: a to-do for the coordinator per state of the network whose school
        holidays are not entered (`qnetz.calendar._qnetz_school_holiday_gaps`) for the
        current school year or, from 1 May, the next one; none while one for the same
        state and school year is open. Returns the new to-dos."""
        today = today or fields.Date.from_string(fields.Date.context_today(self))
        Calendar = self.env["qnetz.calendar"]
        current = Calendar._qnetz_school_year_start(today)
        last = current
        if today >= date(current.year + 1, *SCHOOL_HOLIDAY_NOTICE_FROM):
            last = current.replace(year=current.year + 1)
        states = self.env["qnetz.district"].sudo().search([]).mapped("state_id")
        gaps = Calendar._qnetz_school_holiday_gaps(states, current, last)
        todos = self.env["mail.activity"].sudo()
        if not gaps:
            return todos
        # the states are no documents with to-dos: the network's own company carries them
        network = self.env.user.company_id.partner_id.sudo()
        coordinator = self.env["res.users"]._qnetz_first_coordinator()
        for state, start in gaps:
            label = Calendar._qnetz_school_year_label(start)
            todos |= network._qnetz_todo(
                _("School holidays missing for the school year %s: %s") % (label, state.name),
                "%s\n%s" % (
                    Calendar._qnetz_school_holiday_warning([(state, start)]),
                    _("Configuration > Calendars > Holidays (one line per period, the "
                      "state's decree as source) or Import School Holidays (.ics).")),
                users=coordinator, deadline=fields.Date.to_string(max(start, today)),
                once=True)
        return todos
