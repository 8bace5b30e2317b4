from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models

# Proposed courses start at the earliest this many days from today: time to confirm them
# ten days ahead (go/no-go) and to tell the companies.
PROPOSAL_LEAD_DAYS = 21
# Weekday pattern per preferred time of the needs (0 = Monday).
PATTERNS = {
    "evening": {"weekdays": [1, 3], "start_hour": 17.0, "hours": 3.0, "sessions": 10,
                "avoid_school_days": True},
    "saturday": {"weekdays": [5], "start_hour": 8.5, "hours": 6.0, "sessions": 5,
                 "avoid_school_days": True},
    "block": {"weekdays": [0, 1, 2, 3, 4], "start_hour": 8.0, "hours": 7.0, "sessions": 5,
              "avoid_school_days": True},
    # at the vocational school, after lessons: school days are the point, not a conflict
    "school_day": {"weekdays": [2], "start_hour": 14.0, "hours": 3.0, "sessions": 10,
                   "avoid_school_days": False},
    "any": {"weekdays": [1, 3], "start_hour": 16.0, "hours": 3.0, "sessions": 10,
            "avoid_school_days": True},
}


class QnetzCalendar(models.AbstractModel):
    """The one place that knows which days do not suit a course.

    The session generator, the warning on a session and the bundle proposals all ask
    `_qnetz_conflicts()`; it reads the holidays and the school days of a whole date range
    in a fixed number of queries.
    """

    _name = "qnetz.calendar"
    _description = "Course Calendar"

    @api.model
    def _qnetz_conflicts(self, date_from, date_to, states, apprentices,
                         school_holidays=True, school_days=True):
        """Reasons why a day between `date_from` and `date_to` (dates) does not suit.

        `states`: res.country.state whose holidays count; `apprentices`: res.partner whose
        vocational-school days count. Returns {date: [reason, ...]} for the bad days only.
        """
        conflicts = defaultdict(list)
        if date_to < date_from:
            return conflicts
        Holiday = self.env["qnetz.holiday"].sudo()
        if states:
            Holiday._qnetz_ensure_public(range(date_from.year, date_to.year + 1), states)
            kinds = ("public", "school") if school_holidays else ("public",)
            self.env.cr.execute("""
                SELECT h.name, h.kind, s.name, h.date_from, h.date_to
                  FROM qnetz_holiday h JOIN res_country_state s ON s.id = h.state_id
                 WHERE h.active AND h.state_id IN %s AND h.kind IN %s
                   AND h.date_from <= %s AND h.date_to >= %s
              ORDER BY h.date_from, s.name
            """, (tuple(states.ids), kinds, fields.Date.to_string(date_to),
                  fields.Date.to_string(date_from)))
            for name, kind, state, start, end in self.env.cr.fetchall():
                start = max(fields.Date.from_string(start), date_from)
                end = min(fields.Date.from_string(end), date_to)
                label = _("%s (public holiday in %s)") if kind == "public" \
                    else _("%s (school holidays in %s)")
                reason = label % (name, state)
                day = start
                while day <= end:
                    conflicts[day].append(reason)
                    day += timedelta(days=1)
        if school_days and apprentices:
            for day, reasons in self._qnetz_school_conflicts(
                    date_from, date_to, apprentices).items():
                conflicts[day].extend(reasons)
        return conflicts

    @api.model
    def _qnetz_school_schedules(self, apprentices):
        """The schedules that apply, per apprentice: their own ones, else their school's."""
        apprentices = apprentices.sudo()
        Schedule = self.env["qnetz.school.schedule"].sudo()
        schools = apprentices.mapped("vocational_school_id")
        schedules = Schedule.search(
            ["|", ("apprentice_id", "in", apprentices.ids),
             ("vocational_school_id", "in", schools.ids or [0])])
        schedules.mapped("block_ids.date_to")  # one read for all blocks
        own = defaultdict(lambda: Schedule)
        by_school = defaultdict(lambda: Schedule)
        for schedule in schedules:
            if schedule.apprentice_id:
                own[schedule.apprentice_id.id] |= schedule
            else:
                by_school[schedule.vocational_school_id.id] |= schedule
        result = {}
        for apprentice in apprentices:
            if own.get(apprentice.id):
                result[apprentice] = own[apprentice.id]
                continue
            result[apprentice] = by_school[apprentice.vocational_school_id.id].filtered(
                lambda s: (not s.occupation_id or s.occupation_id == apprentice.occupation_id)
                and (not s.training_year or s.training_year == apprentice.training_year))
        return result

    @api.model
    def _qnetz_school_conflicts(self, date_from, date_to, apprentices):
        conflicts = defaultdict(list)
        for apprentice, schedules in self._qnetz_school_schedules(apprentices).items():
            for schedule in schedules:
                valid_from = fields.Date.from_string(schedule.date_from) or date_from
                valid_to = fields.Date.from_string(schedule.date_to) or date_to
                start, end = max(date_from, valid_from), min(date_to, valid_to)
                if schedule.mode == "weekdays":
                    weekdays = schedule._weekdays()
                    reason = _("%s is at the vocational school") % apprentice.name
                    day = start
                    while day <= end:
                        if day.weekday() in weekdays:
                            conflicts[day].append(reason)
                        day += timedelta(days=1)
                    continue
                reason = _("%s has a block week at the vocational school") % apprentice.name
                for block in schedule.block_ids:
                    day = max(start, fields.Date.from_string(block.date_from))
                    block_end = min(end, fields.Date.from_string(block.date_to))
                    while day <= block_end:
                        conflicts[day].append(reason)
                        day += timedelta(days=1)
        return conflicts

    # Proposals ----------------------------------------------------------------

    @api.model
    def _qnetz_propose(self, needs, today=None, states=None):
        """A start date and weekday pattern that suit the needs' wishes and calendars.

        The preferred time most participants ask for picks the pattern; the start is the
        first free day of it on or after the earliest wanted start (never sooner than
        PROPOSAL_LEAD_DAYS from today, so that the go/no-go date still lies ahead).
        """
        today = today or fields.Date.from_string(fields.Date.context_today(self))
        weights = defaultdict(int)
        for need in needs:
            if need.preferred_time != "any":
                weights[need.preferred_time] += need.participant_count
        kind = max(sorted(weights), key=lambda k: weights[k]) if weights else "any"
        pattern = dict(PATTERNS[kind])
        earliest = today + timedelta(days=PROPOSAL_LEAD_DAYS)
        wanted = [fields.Date.from_string(d) for d in needs.mapped("wanted_start") if d]
        if wanted:
            earliest = max(earliest, min(wanted))
        if states is None:
            states = needs.mapped("district_id.state_id")
        apprentices = needs.mapped("apprentice_ids")
        conflicts = self._qnetz_conflicts(
            earliest, earliest + timedelta(days=180), states, apprentices,
            school_days=pattern["avoid_school_days"])
        day = earliest
        while day < earliest + timedelta(days=180):
            if day.weekday() in pattern["weekdays"] and not conflicts.get(day) \
                    and (kind != "block" or day.weekday() == 0):
                break
            day += timedelta(days=1)
        else:
            day = earliest
        pattern.update({"kind": kind, "date_start": day})
        return pattern

    @api.model
    def _qnetz_weekday_names(self):
        # translated here: strftime("%a") would follow the server's locale, not the user's
        return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]

    @api.model
    def _qnetz_day_label(self, day):
        return "%s %s" % (self._qnetz_weekday_names()[day.weekday()], day.strftime("%d.%m.%Y"))

    @api.model
    def _qnetz_pattern_label(self, plan):
        names = self._qnetz_weekday_names()
        hour = int(round(plan["start_hour"] * 60))
        return _("%s, %02d:%02d, %s hours, %d sessions") % (
            "/".join(names[day] for day in plan["weekdays"]), hour // 60, hour % 60,
            "%g" % plan["hours"], plan["sessions"])
