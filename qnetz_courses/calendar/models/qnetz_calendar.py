from collections import defaultdict
from datetime import date, timedelta

from odoo import _, api, fields, models

from ...spine.course_time import format_date
from .qnetz_school_schedule import SCHOOL_YEAR_START

# Proposed courses start at the earliest this many days from today: time to confirm them
# ten days ahead (go/no-go) and to tell the companies.
PROPOSAL_LEAD_DAYS = 21
# When a state's school holidays of a school year count as entered. The summer holidays are
# known years ahead (the KMK's long-term table), the other periods (autumn, Christmas,
# Easter, Pentecost) only from the state's decree, and both network states' decrees have
# them: a school year with its summers alone is not entered. So a school year counts as
# entered when at least one period of the state touches the time between its summers,
# 1 October to 31 May (no summer holiday of NRW or Lower Saxony reaches into October or
# back into May). Whether every period of the decree is there stays the coordinator's
# check each June (README "Calendars").
BETWEEN_SUMMERS = ((10, 1), (5, 31))
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
    def _qnetz_served_states(self, needs=None, registrations=None, course=None):
        """The federal states a course serves, each with the reasons: {state: [reason]}.

        The union of the states of the needs' companies, the registered participants'
        companies and the venue of `course`. Before any of them is known, a course of the network
        serves both of the network's states: planning for one state only would put
        sessions into the other state's holidays without a word.
        """
        reasons = defaultdict(list)

        def add(state, reason):
            if state and reason not in reasons[state]:
                reasons[state].append(reason)
        for need in (needs or self.env["qnetz.need"]).sudo():
            company = need.partner_id.employer_id or need.partner_id
            add(need.district_id.state_id, _("need of %s") % company.name)
        for registration in (registrations or self.env["event.registration"]).sudo():
            for company in registration.apprentice_id.employer_id \
                    | registration.paying_partner_id:
                add(company.district_id.state_id, _("participant's company %s") % company.name)
        if course:
            course = course.sudo()
            for place in course.address_id.district_id | course.district_id:
                add(place.state_id, _("venue in %s") % place.name)
        if not reasons:
            for state in self.env["qnetz.district"].sudo().search([]).mapped("state_id"):
                add(state, _("nothing known yet: both states of the network"))
        return dict(reasons)

    @api.model
    def _qnetz_served_state_records(self, **kwargs):
        states = self.env["res.country.state"]
        for state in self._qnetz_served_states(**kwargs):
            states |= state
        return states

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
        if apprentices:
            for day, reasons in self._qnetz_minor_conflicts(
                    date_from, date_to, apprentices).items():
                conflicts[day].extend(reasons)
        return conflicts

    @api.model
    def _qnetz_school_year_start(self, day):
        """The first day of the school year `day` lies in."""
        start = date(day.year, *SCHOOL_YEAR_START)
        return start if day >= start else date(day.year - 1, *SCHOOL_YEAR_START)

    @api.model
    def _qnetz_school_year_label(self, start):
        """The school year beginning on `start` as Germans write it: 2027/28."""
        return "%d/%02d" % (start.year, (start.year + 1) % 100)

    @api.model
    def _qnetz_school_holiday_gaps(self, states, date_from, date_to):
        """The school years touching `date_from` to `date_to` (dates) for which no school
        holidays of a state in `states` are entered (see BETWEEN_SUMMERS): a list of
        (state, first day of the school year), by school year and state name. Planning
        in such a year cannot avoid that state's school holidays."""
        if not states or date_to < date_from:
            return []
        first = self._qnetz_school_year_start(date_from)
        last = self._qnetz_school_year_start(date_to)
        years = range(first.year, last.year + 1)

        def between_summers(year):
            return (date(year, *BETWEEN_SUMMERS[0]), date(year + 1, *BETWEEN_SUMMERS[1]))
        self.env.cr.execute("""
            SELECT state_id, date_from, date_to FROM qnetz_holiday
             WHERE active AND kind = 'school' AND state_id IN %s
               AND date_from <= %s AND date_to >= %s
        """, (tuple(states.ids), fields.Date.to_string(between_summers(last.year)[1]),
              fields.Date.to_string(between_summers(first.year)[0])))
        entered = set()
        for state_id, start, end in self.env.cr.fetchall():
            start, end = fields.Date.from_string(start), fields.Date.from_string(end)
            for year in years:
                term_from, term_to = between_summers(year)
                if start <= term_to and end >= term_from:
                    entered.add((state_id, year))
        return [(state, date(year, *SCHOOL_YEAR_START))
                for year in years for state in states.sudo().sorted("name")
                if (state.id, year) not in entered]

    @api.model
    def _qnetz_school_holiday_warning(self, gaps):
        """The planner's warning about `gaps` (of `_qnetz_school_holiday_gaps`), a line
        per state and school year; empty without gaps. It never blocks: the coordinator
        may plan on and enter the holidays later."""
        return "\n".join(
            _("No school holidays are entered for %s for the school year %s; planning "
              "does not take them into account. Enter or import the holidays.")
            % (state.name, self._qnetz_school_year_label(start)) for state, start in gaps)

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
    def _qnetz_school_state(self, apprentice):
        """The state whose school holidays the apprentice's vocational school keeps."""
        return apprentice.vocational_school_id.district_id.state_id \
            or apprentice.employer_id.district_id.state_id

    @api.model
    def _qnetz_school_holiday_days(self, date_from, date_to, states):
        """{state id: set of dates} of the school holidays of `states` in the range."""
        days = defaultdict(set)
        if not states:
            return days
        self.env.cr.execute("""
            SELECT state_id, date_from, date_to FROM qnetz_holiday
             WHERE active AND kind = 'school' AND state_id IN %s
               AND date_from <= %s AND date_to >= %s
        """, (tuple(states.ids), fields.Date.to_string(date_to),
              fields.Date.to_string(date_from)))
        for state_id, start, end in self.env.cr.fetchall():
            day = max(fields.Date.from_string(start), date_from)
            end = min(fields.Date.from_string(end), date_to)
            while day <= end:
                days[state_id].add(day)
                day += timedelta(days=1)
        return days

    @api.model
    def _qnetz_school_conflicts(self, date_from, date_to, apprentices):
        """The apprentices' vocational-school days; in their school's holidays there is
        no school, so those days are free."""
        conflicts = defaultdict(list)
        schedules_by_apprentice = self._qnetz_school_schedules(apprentices)
        states = self.env["res.country.state"]
        for apprentice in schedules_by_apprentice:
            states |= self._qnetz_school_state(apprentice)
        holidays = self._qnetz_school_holiday_days(date_from, date_to, states)
        for apprentice, schedules in schedules_by_apprentice.items():
            no_school = holidays.get(self._qnetz_school_state(apprentice).id, set())
            for schedule in schedules:
                valid_from = fields.Date.from_string(schedule.date_from) or date_from
                valid_to = fields.Date.from_string(schedule.date_to) or date_to
                start, end = max(date_from, valid_from), min(date_to, valid_to)
                if schedule.mode == "weekdays":
                    weekdays = schedule._weekdays()
                    reason = _("%s is at the vocational school") % apprentice.name
                    day = start
                    while day <= end:
                        if day.weekday() in weekdays and day not in no_school:
                            conflicts[day].append(reason)
                        day += timedelta(days=1)
                    continue
                reason = _("%s has a block week at the vocational school") % apprentice.name
                for block in schedule.block_ids:
                    day = max(start, fields.Date.from_string(block.date_from))
                    block_end = min(end, fields.Date.from_string(block.date_to))
                    while day <= block_end:
                        if day not in no_school:
                            conflicts[day].append(reason)
                        day += timedelta(days=1)
        return conflicts

    @api.model
    def _qnetz_minor_conflicts(self, date_from, date_to, apprentices):
        """Saturdays of apprentices under 18 (JArbSchG § 16: no work on Saturdays)."""
        conflicts = defaultdict(list)
        minors = apprentices.sudo().filtered("of_age_on")
        if not minors:
            return conflicts
        day = date_from + timedelta(days=(5 - date_from.weekday()) % 7)
        while day <= date_to:
            for apprentice in minors:
                if day < fields.Date.from_string(apprentice.of_age_on):
                    conflicts[day].append(_(
                        "%s is under 18: no Saturday (JArbSchG § 16)") % apprentice.name)
            day += timedelta(days=7)
        return conflicts

    @api.model
    def _qnetz_minors(self, apprentices, day):
        """The apprentices who are under 18 on `day`."""
        return apprentices.sudo().filtered(
            lambda a: a.of_age_on and day < fields.Date.from_string(a.of_age_on))

    @api.model
    def _qnetz_school_weekdays(self, apprentices, day):
        """{weekday: number of apprentices at school that weekday} on `day`'s week."""
        counts = defaultdict(int)
        for apprentice, schedules in self._qnetz_school_schedules(apprentices).items():
            weekdays = set()
            for schedule in schedules.filtered(lambda s: s.mode == "weekdays"):
                valid_from = fields.Date.from_string(schedule.date_from) or day
                valid_to = fields.Date.from_string(schedule.date_to) or day
                if valid_from <= day <= valid_to:
                    weekdays |= schedule._weekdays()
            for weekday in weekdays:
                counts[weekday] += 1
        return counts

    # Proposals ----------------------------------------------------------------

    @api.model
    def _qnetz_propose(self, needs, today=None, states=None):
        """A start date and weekday pattern that suit the needs' wishes and calendars.

        The preferred time most participants ask for picks the pattern; the start is the
        first free day of it on or after the earliest wanted start (never sooner than
        PROPOSAL_LEAD_DAYS from today, so that the go/no-go date still lies ahead).
        `school_holiday_gaps` names the school years whose holidays the plan could not
        avoid because they are not entered (see `_qnetz_school_holiday_gaps`).
        """
        today = today or fields.Date.from_string(fields.Date.context_today(self))
        weights = defaultdict(int)
        for need in needs:
            if need.preferred_time != "any":
                weights[need.preferred_time] += need.participant_count
        earliest = today + timedelta(days=PROPOSAL_LEAD_DAYS)
        wanted = [fields.Date.from_string(d) for d in needs.mapped("wanted_start") if d]
        if wanted:
            earliest = max(earliest, min(wanted))
        apprentices = needs.mapped("apprentice_ids")
        notes = []
        minors = self._qnetz_minors(apprentices, earliest)
        if minors and weights.get("saturday"):
            # JArbSchG § 16: apprentices under 18 do not work on Saturdays
            weights.pop("saturday")
            notes.append(_("no Saturdays: %s under 18 (JArbSchG § 16)")
                         % ", ".join(minors.mapped("name")))
        kind = max(sorted(weights), key=lambda k: weights[k]) if weights else "any"
        pattern = dict(PATTERNS[kind])
        if kind == "school_day" and minors:
            # JArbSchG § 9: after more than five lessons a minor is not employed that day
            notes.append(_("%s under 18: only after a short school day (JArbSchG § 9)")
                         % ", ".join(minors.mapped("name")))
        if kind == "school_day":
            school_weekdays = self._qnetz_school_weekdays(apprentices, earliest)
            if school_weekdays:
                # the day most of them are at school; the lowest weekday on a tie
                best = max(sorted(school_weekdays), key=lambda d: school_weekdays[d])
                pattern["weekdays"] = [best]
            else:
                notes.append(_("the apprentices' school days are not known: Wednesday "
                               "assumed"))
        if states is None:
            states = self._qnetz_served_state_records(needs=needs)
        horizon = earliest + timedelta(days=180)
        conflicts = self._qnetz_conflicts(
            earliest, horizon, states, apprentices,
            school_days=pattern["avoid_school_days"])
        day = None
        if kind == "block":
            day = self._qnetz_free_week(earliest, horizon, conflicts)
            if day is None:
                notes.append(self._qnetz_no_free_week_reason(earliest, horizon, conflicts))
        else:
            candidate = earliest
            while candidate < horizon:
                if candidate.weekday() in pattern["weekdays"] and not conflicts.get(candidate):
                    day = candidate
                    break
                candidate += timedelta(days=1)
        start = day or earliest
        # a first guess of the end; generating the sessions sets the real one
        end = start + timedelta(days=7 * pattern["sessions"] // len(pattern["weekdays"]))
        pattern.update({
            "kind": kind, "date_start": start, "date_end": end, "note": "; ".join(notes),
            # from the first day looked at: the start may lie in holidays not entered
            "school_holiday_gaps": self._qnetz_school_holiday_gaps(states, earliest, end),
        })
        return pattern

    @api.model
    def _qnetz_free_week(self, date_from, date_to, conflicts):
        """The first Monday from `date_from` whose Monday to Friday are all free."""
        monday = date_from + timedelta(days=(7 - date_from.weekday()) % 7)
        while monday + timedelta(days=4) <= date_to:
            if not any(conflicts.get(monday + timedelta(days=i)) for i in range(5)):
                return monday
            monday += timedelta(days=7)
        return None

    @api.model
    def _qnetz_no_free_week_reason(self, date_from, date_to, conflicts):
        """Why no week is free: the reasons that block most weeks."""
        counts = defaultdict(int)
        monday = date_from + timedelta(days=(7 - date_from.weekday()) % 7)
        while monday + timedelta(days=4) <= date_to:
            reasons = set()
            for i in range(5):
                reasons.update(conflicts.get(monday + timedelta(days=i), []))
            for reason in reasons:
                counts[reason] += 1
            monday += timedelta(days=7)
        top = sorted(counts, key=lambda r: (-counts[r], r))[:3]
        return _("no whole free week between %s and %s (%s)") % (
            format_date(date_from), format_date(date_to), "; ".join(top))

    @api.model
    def _qnetz_weekday_names(self):
        # translated here: strftime("%a") would follow the server's locale, not the user's
        return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]

    @api.model
    def _qnetz_day_label(self, day):
        return "%s %s" % (self._qnetz_weekday_names()[day.weekday()], format_date(day))

    @api.model
    def _qnetz_pattern_label(self, plan):
        names = self._qnetz_weekday_names()
        hour = int(round(plan["start_hour"] * 60))
        label = _("%s, %02d:%02d, %s hours, %d sessions") % (
            "/".join(names[day] for day in plan["weekdays"]), hour // 60, hour % 60,
            "%g" % plan["hours"], plan["sessions"])
        if plan.get("note"):
            label += " (%s)" % plan["note"]
        return label
