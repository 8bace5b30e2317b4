from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...spine.course_time import format_date, local_to_utc_string, utc_string_to_local

# A pattern that finds no free day within this many days is given up.
MAX_PLAN_DAYS = 3 * 366
# JArbSchG § 14: young people under 18 work between 6:00 and 20:00 only.
MINORS_LAST_HOUR = 20.0


class EventEventSchedule(models.Model):
    """The course's dates: who is concerned by which calendar, and generating sessions."""

    _inherit = "event.event"

    # the reasons name the companies of needs and participants: staff only, never the
    # portal's readers of a course (companies, providers, the network reader)
    served_states = fields.Text(
        string="States Served", compute="_compute_served_states", groups="base.group_user",
        help="The federal states whose public and school holidays the course's dates "
             "avoid, and why each one counts.")

    def _qnetz_active_registrations(self):
        return self.mapped("registration_ids").filtered(lambda r: r.state != "cancel")

    @api.depends("need_ids", "registration_ids.state", "address_id", "district_id")
    def _compute_served_states(self):
        for event in self:
            event.served_states = "\n".join(
                "%s: %s" % (state.name, "; ".join(reasons))
                for state, reasons in sorted(event._qnetz_served_states().items(),
                                             key=lambda item: item[0].name))

    def _qnetz_served_states(self):
        """The federal states the course serves and why: {state: [reason, ...]}.

        The one answer for every planning step (proposal, generator, session warnings,
        go/no-go): see `qnetz.calendar._qnetz_served_states`.
        """
        self.ensure_one()
        return self.env["qnetz.calendar"]._qnetz_served_states(
            needs=self.sudo().need_ids, registrations=self._qnetz_active_registrations(),
            course=self)

    def _qnetz_concerned_states(self):
        """The federal states whose holidays count for these courses."""
        states = self.env["res.country.state"]
        for event in self:
            for state in event._qnetz_served_states():
                states |= state
        return states

    def _qnetz_calendar_apprentices(self):
        return self._qnetz_active_registrations().mapped("apprentice_id")

    @api.multi
    def _qnetz_plan_sessions(self, start_date, weekdays, start_hour, hours, count=0,
                             end_date=None, school_holidays=True, school_days=True,
                             states=None, apprentices=None, replace=False):
        """Dates for sessions on `weekdays` (0 = Monday) from `start_date`.

        Stops after `count` sessions or at `end_date`. With `replace`, the sessions not
        yet held make room (see `_qnetz_session_changes`). Returns (dates, skipped): the
        free dates, and (date, reasons) for every pattern day that was left out.
        """
        self.ensure_one()
        if not weekdays:
            raise UserError(_("Weekdays: choose at least one weekday."))
        if hours <= 0:
            raise UserError(_("Hours per Session: a session lasts more than zero hours."))
        if not count and not end_date:
            raise UserError(_("Number of Sessions: give a number of sessions or an end date."))
        if end_date and end_date < start_date:
            raise UserError(_("End Date: the last day cannot be before the first."))
        if not 0 <= start_hour < 24 or start_hour + hours > 24:
            raise UserError(_("Start Time: the session must start and end on the same day."))
        states = self._qnetz_concerned_states() if states is None else states
        apprentices = self._qnetz_calendar_apprentices() if apprentices is None \
            else apprentices
        last = end_date or start_date + timedelta(days=MAX_PLAN_DAYS)
        kept, _replaced = self._qnetz_session_changes(replace)
        taken = {utc_string_to_local(session.date_begin).date() for session in kept}
        dates, skipped = [], []
        Calendar = self.env["qnetz.calendar"]
        window_start = start_date
        # conflicts are read per quarter so that a short course reads a short range
        while window_start <= last and (not count or len(dates) < count):
            window_end = min(last, window_start + timedelta(days=91))
            conflicts = Calendar._qnetz_conflicts(
                window_start, window_end, states, apprentices,
                school_holidays=school_holidays, school_days=school_days)
            for day, reasons in self._qnetz_place_conflicts(
                    window_start, window_end, weekdays, start_hour, hours).items():
                conflicts.setdefault(day, []).extend(reasons)
            day = window_start
            while day <= window_end and (not count or len(dates) < count):
                if day.weekday() in weekdays:
                    reasons = list(conflicts.get(day, []))
                    if start_hour + hours > MINORS_LAST_HOUR:
                        reasons += [_("%s is under 18: sessions end by 20:00 (JArbSchG § 14)")
                                    % name for name in Calendar._qnetz_minors(
                                        apprentices, day).mapped("name")]
                    if reasons:
                        skipped.append((day, reasons))
                    elif day in taken:
                        skipped.append((day, [_("the course already has a session")]))
                    else:
                        dates.append(day)
                day += timedelta(days=1)
            window_start = window_end + timedelta(days=1)
        if count and len(dates) < count:
            # what stood in the way, so that the planner can act on it
            raise UserError("\n".join(filter(None, [
                _("Number of Sessions: only %d free days found for %d sessions.")
                % (len(dates), count), self._qnetz_format_skipped(skipped[:12])])))
        return dates, skipped

    def _qnetz_session_changes(self, replace):
        """(kept, replaced): the sessions a new plan keeps and those it replaces.

        Only sessions that have not begun and have no attendance are replaced; a held
        session is a fact.
        """
        self.ensure_one()
        if not replace:
            return self.session_ids, self.env["qnetz.course.session"]
        now = fields.Datetime.now()
        replaced = self.session_ids.filtered(
            lambda s: s.date_begin > now and not s.attendance_ids)
        return self.session_ids - replaced, replaced

    @api.multi
    def _qnetz_place_conflicts(self, first_day, last_day, weekdays, start_hour, hours):
        """Hook for the features above: {day: [reasons]} for pattern days on which the
        course's places (machines, rooms) are not free. Nothing here."""
        return {}

    @api.multi
    def _qnetz_generate_sessions(self, start_date, weekdays, start_hour, hours, count=0,
                                 end_date=None, school_holidays=True, school_days=True,
                                 replace=False):
        """Create the sessions `_qnetz_plan_sessions` finds; returns (sessions, skipped).

        With `replace`, the sessions not yet held are removed first. The course's dates
        then span its sessions exactly.
        """
        self.ensure_one()
        dates, skipped = self._qnetz_plan_sessions(
            start_date, weekdays, start_hour, hours, count=count, end_date=end_date,
            school_holidays=school_holidays, school_days=school_days, replace=replace)
        Session = self.env["qnetz.course.session"]
        _kept, replaced = self._qnetz_session_changes(replace)
        replaced.unlink()
        sessions = Session
        # the course's total hours are recomputed once, not after every session
        with self.env.norecompute():
            for day in dates:
                sessions |= Session.create({
                    "event_id": self.id,
                    "date_begin": local_to_utc_string(day, start_hour),
                    "date_end": local_to_utc_string(day, start_hour + hours),
                })
        self.recompute()
        self._qnetz_follow_sessions()
        return sessions, skipped

    def _qnetz_follow_sessions(self):
        """The course runs from its first session's start to its last session's end."""
        for event in self.filtered("session_ids"):
            values = {"date_begin": min(event.session_ids.mapped("date_begin")),
                      "date_end": max(event.session_ids.mapped("date_end"))}
            if values != {"date_begin": event.date_begin, "date_end": event.date_end}:
                event.write(values)

    @api.model
    def _qnetz_format_skipped(self, skipped):
        lines = []
        for day, reasons in skipped:
            lines.append("%s: %s" % (format_date(day), "; ".join(reasons)))
        return "\n".join(lines)
