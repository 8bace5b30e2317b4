from collections import defaultdict
from datetime import date, datetime

from odoo import api, fields, models

from ...spine.course_time import local_to_utc_string
from .qnetz_machine_booking import HOLDING_STATES


def as_date(value):
    return value if isinstance(value, date) else fields.Date.from_string(value)


def as_datetime(value):
    """A timestamp as psycopg2 or the ORM gives it, as a naive datetime."""
    return value if isinstance(value, datetime) else fields.Datetime.from_string(value)


class QnetzMachine(models.Model):
    """A machine (or a group of equal practice places) of a workshop, a material resource
    of Odoo's resource module: its working time and closures come from there."""

    _name = "qnetz.machine"
    _description = "Machine"

    # A material resource of Odoo's resource module holds the working time and the
    # closures; a link, not _inherits, so that a portal user reading a machine reads no
    # resource.resource (the boundary stays with the network's models).
    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    resource_id = fields.Many2one("resource.resource", required=True, readonly=True,
                                  ondelete="restrict", index=True)
    calendar_id = fields.Many2one(related="resource_id.calendar_id", readonly=True,
                                  string="Working Time")
    workshop_id = fields.Many2one("qnetz.workshop", required=True, index=True,
                                  ondelete="cascade")
    # not type_id: its XML id (field_qnetz_machine_type_id) would be that of the id of
    # qnetz.machine.type, and Odoo gives the label a numbered one that no .po file can name
    machine_type_id = fields.Many2one("qnetz.machine.type", string="Machine Type",
                                      required=True, index=True, ondelete="restrict")
    features = fields.Char(help="What sets it apart, e.g. PAL controls, Siemens S7-1500.")
    places = fields.Integer(default=1, help="How many apprentices work at it at once.")
    trainer_required = fields.Boolean(
        string="Trainer Must Be Present", default=True,
        help="Apprentices may use it only with a trainer of the workshop present.")
    trainer_note = fields.Char(string="Trainer Needed For",
                               help="What a trainer must be present for, e.g. clamping, "
                                    "first switching on.")
    safety_briefing_required = fields.Boolean(
        default=True,
        help="An apprentice practises here only after a safety briefing at this machine, "
             "recorded once.")
    hourly_rate = fields.Float(string="Hourly Rate per Place",
                               help="Price of one place for one hour of practice time.")

    _sql_constraints = [
        ("places_positive", "CHECK(places > 0)", "Places: a machine has at least one place."),
        ("hourly_rate_positive", "CHECK(hourly_rate >= 0)",
         "Hourly Rate: the rate cannot be negative."),
    ]

    @api.model
    def create(self, vals):
        if not vals.get("resource_id"):
            workshop = self.env["qnetz.workshop"].browse(vals.get("workshop_id"))
            vals["resource_id"] = self.env["resource.resource"].sudo().create({
                "name": vals.get("name") or "?", "resource_type": "material",
                "calendar_id": workshop.calendar_id.id}).id
        return super(QnetzMachine, self).create(vals)

    @api.multi
    def write(self, vals):
        result = super(QnetzMachine, self).write(vals)
        if "name" in vals or "active" in vals:
            for machine in self:
                machine.resource_id.sudo().write({"name": machine.name,
                                                  "active": machine.active})
        return result

    @api.multi
    def _qnetz_free_on_days(self, days, start_hour, hours):
        """{day: machines free on `day` from `start_hour` (local course time) for `hours`}:
        within their working time, outside closures, not held by another booking.

        Reads the working times, closures and bookings of all days at once (three
        queries), so that planning a course across many workshops stays fast."""
        days = sorted(set(days))
        if not self or not days:
            return {day: self.browse() for day in days}
        intervals = {day: (fields.Datetime.from_string(local_to_utc_string(day, start_hour)),
                           fields.Datetime.from_string(
                               local_to_utc_string(day, start_hour + hours)))
                     for day in days}
        low = fields.Datetime.to_string(min(start for start, _stop in intervals.values()))
        high = fields.Datetime.to_string(max(stop for _start, stop in intervals.values()))
        cr = self.env.cr
        cr.execute("""
            SELECT m.id, r.id, r.calendar_id FROM qnetz_machine m
              JOIN resource_resource r ON r.id = m.resource_id
             WHERE m.id IN %s AND m.active""", (tuple(self.ids),))
        machines = cr.fetchall()
        calendar_ids = tuple({row[2] for row in machines if row[2]}) or (0,)
        cr.execute("""
            SELECT calendar_id, dayofweek, hour_from, hour_to, date_from, date_to
              FROM resource_calendar_attendance WHERE calendar_id IN %s""", (calendar_ids,))
        attendance = defaultdict(list)
        for calendar_id, weekday, hour_from, hour_to, date_from, date_to in cr.fetchall():
            attendance[(calendar_id, int(weekday))].append(
                (hour_from, hour_to, date_from, date_to))
        cr.execute("""
            SELECT calendar_id, resource_id, date_from, date_to FROM resource_calendar_leaves
             WHERE (calendar_id IN %s OR resource_id IN %s)
               AND date_from < %s AND date_to > %s""",
                   (calendar_ids, tuple(row[1] for row in machines), high, low))
        leaves = cr.fetchall()
        # the bookings that overlap one of the days' intervals, found through the exclusion
        # constraint's GiST index: a year of bookings is never read into Python
        spans = ["[%s,%s)" % (fields.Datetime.to_string(intervals[day][0]),
                              fields.Datetime.to_string(intervals[day][1])) for day in days]
        cr.execute("""
            SELECT DISTINCT b.machine_id, i.day
              FROM unnest(%s::tsrange[], %s::date[]) AS i(span, day)
              JOIN qnetz_machine_booking b
                ON b.machine_id IN %s AND b.state IN %s
               AND b.date_start < %s AND b.date_stop > %s
               AND tsrange(b.date_start, b.date_stop, '[)') && i.span""",
                   (spans, [fields.Date.to_string(day) for day in days], tuple(self.ids),
                    HOLDING_STATES, high, low))
        taken = {(machine_id, as_date(day)) for machine_id, day in cr.fetchall()}
        end_hour = start_hour + hours
        result = {}
        for day in days:
            start, stop = intervals[day]
            closed_resources, closed_calendars = set(), set()
            for calendar_id, resource_id, date_from, date_to in leaves:
                if as_datetime(date_from) < stop and as_datetime(date_to) > start:
                    if resource_id:
                        closed_resources.add(resource_id)
                    else:
                        closed_calendars.add(calendar_id)
            free = []
            for machine_id, resource_id, calendar_id in machines:
                if resource_id in closed_resources or calendar_id in closed_calendars:
                    continue
                if not any(hour_from <= start_hour and end_hour <= hour_to
                           and (not date_from or str(date_from) <= str(day))
                           and (not date_to or str(day) <= str(date_to))
                           for hour_from, hour_to, date_from, date_to
                           in attendance[(calendar_id, day.weekday())]):
                    continue
                if (machine_id, day) in taken:
                    continue
                free.append(machine_id)
            result[day] = self.browse(free)
        return result
