from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.qnetz_base.tools import count_text, html_text

from ...spine.course_time import utc_string_to_local


def format_hour(value):
    """16.5 as 16:30."""
    minutes = int(round((value or 0.0) * 60))
    return "%02d:%02d" % (minutes // 60 % 24, minutes % 60)


class QnetzSessionGenerator(models.TransientModel):
    """Creates a course's sessions from a weekday pattern, around holidays and school days."""

    _name = "qnetz.session.generator"
    _inherit = "qnetz.weekday.mixin"
    _description = "Generate Course Sessions"

    event_id = fields.Many2one("event.event", string="Course", required=True,
                               ondelete="cascade")
    date_start = fields.Date(string="First Day", required=True)
    start_time = fields.Float(default=16.0,
                              help="Local time (Europe/Berlin), e.g. 16:30.")
    hours = fields.Float(string="Hours per Session", default=3.0)
    count = fields.Integer(string="Number of Sessions", default=10,
                           help="Stop after this many sessions; 0: up to the end date.")
    date_stop = fields.Date(string="End Date", help="Last possible day, when no number is given.")
    skip_school_holidays = fields.Boolean(
        default=True,
        help="Leave out the school holidays of the states concerned, not only public holidays.")
    avoid_school_days = fields.Boolean(
        string="Avoid Vocational-School Days", default=True,
        help="Leave out days on which a registered apprentice is at the vocational school.")
    existing = fields.Selection(
        [("replace", "Replace the sessions not yet held"), ("add", "Keep them and add")],
        string="Existing Sessions", default="replace", required=True,
        help="Sessions that have begun or have attendance are always kept.")
    existing_count = fields.Integer(related="event_id.session_count", readonly=True)
    state_names = fields.Text(string="States Concerned", compute="_compute_preview")
    preview = fields.Text(string="Sessions Planned", compute="_compute_preview")
    school_holiday_gaps = fields.Text(
        string="Missing School Holidays", compute="_compute_preview",
        help="School years of the plan for which a state's school holidays are not "
             "entered: the plan cannot avoid them.")
    gap_state_ids = fields.Many2many("res.country.state", compute="_compute_preview",
                                     string="States without School Holidays")
    skipped = fields.Text(string="Days Left Out", readonly=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    @api.model
    def default_get(self, fields_list):
        values = super(QnetzSessionGenerator, self).default_get(fields_list)
        event = self.env["event.event"].browse(
            values.get("event_id") or self.env.context.get("active_id"))
        if event.exists():
            values["event_id"] = event.id
            if event.date_begin and not values.get("date_start"):
                values["date_start"] = fields.Date.to_string(
                    utc_string_to_local(event.date_begin).date())
            # the course's own rhythm, when it has one: the time and length of its last
            # session, not a fixed 16:00 the coordinator has to notice and correct
            last = event.session_ids.sorted("date_begin")[-1:]
            if last:
                begin = utc_string_to_local(last.date_begin)
                end = utc_string_to_local(last.date_end)
                values["start_time"] = begin.hour + begin.minute / 60.0
                values["hours"] = round((end - begin).total_seconds() / 3600.0, 2)
        values.setdefault("date_start", fields.Date.context_today(self))
        return values

    def _weekdays(self):
        return self._qnetz_weekday_numbers()

    def _plan_kwargs(self):
        return {
            "count": self.count if self.count > 0 else 0,
            "end_date": fields.Date.from_string(self.date_stop) if self.date_stop else None,
            "school_holidays": self.skip_school_holidays,
            "school_days": self.avoid_school_days,
            "replace": self.existing == "replace",
        }

    def _split_block_weeks(self, dates, skipped):
        """The Mondays of the weeks a Monday-to-Friday pattern plans only partly."""
        if set(self._weekdays()) != {0, 1, 2, 3, 4}:
            return []
        planned = {day - timedelta(days=day.weekday()) for day in dates}
        left_out = {day - timedelta(days=day.weekday()) for day, _reasons in skipped}
        return sorted(planned & left_out)

    def _school_holiday_gaps(self, dates):
        """The ids of the states and the text of the warning about missing school
        holidays, from the first day to the last planned one (the end date when nothing
        could be planned)."""
        Calendar = self.env["qnetz.calendar"]
        if not self.skip_school_holidays or not self.date_start:
            return [], False
        first = fields.Date.from_string(self.date_start)
        last = max(dates) if dates else fields.Date.from_string(self.date_stop) or first
        gaps = Calendar._qnetz_school_holiday_gaps(
            self.event_id._qnetz_concerned_states(), first, max(first, last))
        return [state.id for state, _start in gaps], \
            Calendar._qnetz_school_holiday_warning(gaps) or False

    @api.multi
    def action_open_school_holidays(self):
        return self.env["qnetz.holiday"]._qnetz_open_school_holidays(self.gap_state_ids)

    @api.multi
    def action_import_school_holidays(self):
        return self.env["qnetz.holiday.import"]._qnetz_open(self.gap_state_ids)

    @api.depends("event_id", "date_start", "mon", "tue", "wed", "thu", "fri", "sat",
                 "start_time", "hours", "count", "date_stop", "skip_school_holidays",
                 "avoid_school_days", "existing")
    def _compute_preview(self):
        for wizard in self:
            if not wizard.event_id:
                continue
            wizard.state_names = wizard.event_id.served_states
            ready = wizard._weekdays() and wizard.date_start and (
                wizard.count or wizard.date_stop)
            dates, skipped, error = [], [], None
            if ready:
                try:
                    dates, skipped = wizard.event_id._qnetz_plan_sessions(
                        fields.Date.from_string(wizard.date_start), wizard._weekdays(),
                        wizard.start_time, wizard.hours, **wizard._plan_kwargs())
                except UserError as exc:
                    error = exc.name
            # warned as soon as the first day is known, before there is a plan
            state_ids, wizard.school_holiday_gaps = wizard._school_holiday_gaps(dates)
            wizard.gap_state_ids = [(6, 0, state_ids)]
            if error:
                wizard.preview = error
            if not ready or error:
                continue
            Calendar = self.env["qnetz.calendar"]
            kept, replaced = wizard.event_id._qnetz_session_changes(
                wizard.existing == "replace")
            labels = (lambda sessions: ", ".join(
                "%s %s%s" % (Calendar._qnetz_day_label(utc_string_to_local(s.date_begin).date()),
                             utc_string_to_local(s.date_begin).strftime("%H:%M"),
                             " (%s)" % s.name if s.name else "")
                for s in sessions.sorted("date_begin")))
            times = "%s–%s" % (format_hour(wizard.start_time),
                               format_hour(wizard.start_time + wizard.hours))
            lines = [count_text(self.env, len(dates), _(
                "Adds %d session, %s:|Adds %d sessions, %s:")) % times]
            lines += [Calendar._qnetz_day_label(day) for day in dates]
            if replaced:
                lines += ["", count_text(self.env, len(replaced), _(
                    "Replaces %d session not yet held: %s|Replaces %d sessions not yet held: %s"))
                    % labels(replaced)]
                topics = replaced.filtered("name").mapped("name")
                if topics:
                    lines += [_("Their topics are not carried over: %s. Choose 'Keep them "
                                "and add' to keep them.") % ", ".join(topics)]
            if kept:
                lines += ["", count_text(self.env, len(kept), _(
                    "Keeps %d session: %s|Keeps %d sessions: %s")) % labels(kept)]
            if dates:
                first = min([day for day in dates] + [
                    utc_string_to_local(s.date_begin).date() for s in kept])
                last = max([day for day in dates] + [
                    utc_string_to_local(s.date_begin).date() for s in kept])
                lines += ["", _("The course then runs from %s to %s.") % (
                    Calendar._qnetz_day_label(first), Calendar._qnetz_day_label(last))]
            split = wizard._split_block_weeks(dates, skipped)
            if split:
                lines += ["", _("Block weeks split by days left out (week of): %s")
                          % ", ".join(Calendar._qnetz_day_label(day) for day in split)]
            if skipped:
                lines += ["", _("Left out:"),
                          self.env["event.event"]._qnetz_format_skipped(skipped)]
            wizard.preview = "\n".join(lines)

    @api.multi
    def action_generate(self):
        self.ensure_one()
        if not self.env.user.has_group("qnetz_base.group_qnetz_coordinator"):
            raise UserError(_("Only the coordinator plans the sessions of a course."))
        sessions, skipped = self.event_id._qnetz_generate_sessions(
            fields.Date.from_string(self.date_start), self._weekdays(), self.start_time,
            self.hours, **self._plan_kwargs())
        text = self.env["event.event"]._qnetz_format_skipped(skipped)
        body = _("%d sessions generated.") % len(sessions)
        if self.existing == "replace":
            body += " " + _("Sessions not yet held were replaced.")
        if text:
            body += "\n" + _("Left out:") + "\n" + text
        _states, gaps = self._school_holiday_gaps(
            [utc_string_to_local(s.date_begin).date() for s in sessions])
        if gaps:
            body += "\n" + gaps
        self.event_id.message_post(body=html_text(body))
        self.write({"skipped": text or _("No day had to be left out."), "state": "done"})
        return {
            "name": _("Generate Sessions"),
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.multi
    def action_close(self):
        # closing through an action makes the course form reload its new sessions
        return {"type": "ir.actions.act_window_close"}
