from datetime import timedelta

from odoo import _, api, models
from odoo.exceptions import UserError

from ...spine.course_time import format_date, local_to_utc_string, utc_string_to_local

# A pattern that finds no free day within this many days is given up.
MAX_PLAN_DAYS = 3 * 366


class EventEventSchedule(models.Model):
    """The course's dates: who is concerned by which calendar, and generating sessions."""

    _inherit = "event.event"

    def _qnetz_active_registrations(self):
        return self.mapped("registration_ids").filtered(lambda r: r.state != "cancel")

    def _qnetz_concerned_states(self):
        """The federal states whose holidays count: the venue's and the companies'."""
        registrations = self._qnetz_active_registrations()
        states = self.mapped("district_id.state_id") \
            | self.mapped("address_id.district_id.state_id") \
            | registrations.mapped("apprentice_id.employer_id.district_id.state_id") \
            | registrations.mapped("paying_partner_id.district_id.state_id")
        return states

    def _qnetz_calendar_apprentices(self):
        return self._qnetz_active_registrations().mapped("apprentice_id")

    @api.multi
    def _qnetz_plan_sessions(self, start_date, weekdays, start_hour, hours, count=0,
                             end_date=None, school_holidays=True, school_days=True,
                             states=None, apprentices=None):
        """Dates for sessions on `weekdays` (0 = Monday) from `start_date`.

        Stops after `count` sessions or at `end_date`. Returns (dates, skipped): the free
        dates, and (date, reasons) for every pattern day that was left out.
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
        taken = {utc_string_to_local(session.date_begin).date()
                 for session in self.session_ids}
        dates, skipped = [], []
        window_start = start_date
        # conflicts are read per quarter so that a short course reads a short range
        while window_start <= last and (not count or len(dates) < count):
            window_end = min(last, window_start + timedelta(days=91))
            conflicts = self.env["qnetz.calendar"]._qnetz_conflicts(
                window_start, window_end, states, apprentices,
                school_holidays=school_holidays, school_days=school_days)
            for day, reasons in self._qnetz_place_conflicts(
                    window_start, window_end, weekdays, start_hour, hours).items():
                conflicts.setdefault(day, []).extend(reasons)
            day = window_start
            while day <= window_end and (not count or len(dates) < count):
                if day.weekday() in weekdays:
                    if conflicts.get(day):
                        skipped.append((day, conflicts[day]))
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

    @api.multi
    def _qnetz_place_conflicts(self, first_day, last_day, weekdays, start_hour, hours):
        """Hook for the features above: {day: [reasons]} for pattern days on which the
        course's places (machines, rooms) are not free. Nothing here."""
        return {}

    @api.multi
    def _qnetz_generate_sessions(self, start_date, weekdays, start_hour, hours, count=0,
                                 end_date=None, school_holidays=True, school_days=True):
        """Create the sessions `_qnetz_plan_sessions` finds; returns (sessions, skipped)."""
        self.ensure_one()
        dates, skipped = self._qnetz_plan_sessions(
            start_date, weekdays, start_hour, hours, count=count, end_date=end_date,
            school_holidays=school_holidays, school_days=school_days)
        Session = self.env["qnetz.course.session"]
        had_sessions = bool(self.session_ids)
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
        if sessions:
            first, last = sessions[0], sessions[-1]
            # the course spans its sessions: the first ones set it, later ones widen it
            values = {}
            if not had_sessions or self.date_begin > first.date_begin:
                values["date_begin"] = first.date_begin
            if not had_sessions or self.date_end < last.date_end:
                values["date_end"] = last.date_end
            if values:
                self.write(values)
        return sessions, skipped

    @api.model
    def _qnetz_format_skipped(self, skipped):
        lines = []
        for day, reasons in skipped:
            lines.append("%s: %s" % (format_date(day), "; ".join(reasons)))
        return "\n".join(lines)
