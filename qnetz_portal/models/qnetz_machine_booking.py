import re
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.qnetz_base.tools import is_pg_int, outside_env, to_int
from odoo.addons.qnetz_courses.spine.course_time import (
    course_today, format_date, local_to_utc_string)


# "14", "14:30", "9:05": ASCII digits only ("1²" is a digit to str.isdigit, not to int)
HOUR_PATTERN = re.compile(r"^([0-9]{1,2})(?::([0-9]{2}))?$")
# Practice time further ahead than this is a typo, not a plan.
MAX_DAYS_AHEAD = 2 * 366


def parse_hour(value):
    """"14:30" or "14" as hours (14.5); None when it is no time of a day (24:00 is the
    next day's 0:00, not this day's)."""
    match = HOUR_PATTERN.match(str(value or "").strip())
    if not match or int(match.group(2) or 0) >= 60:
        return None
    hour = int(match.group(1)) + int(match.group(2) or 0) / 60.0
    return hour if hour < 24 else None


class QnetzMachineBooking(models.Model):
    """Providers and schools open and close practice time on their own machines."""

    _inherit = "qnetz.machine.booking"

    @api.model
    def qnetz_portal_open_slot(self, values):
        """Open practice time. `values`: machine_id, day (YYYY-MM-DD), start and end
        ("14:00", "17:00"), places (at most the machine's). Returns the new slot's id."""
        provider = self.env["res.partner"]._qnetz_portal_organisation("provider")
        if not isinstance(values, dict):
            raise UserError(_("Please send the practice time's fields as a dictionary."))
        machine_id = to_int(values.get("machine_id"))
        machine = self.env["qnetz.machine"].sudo().search([
            ("id", "=", machine_id if is_pg_int(machine_id) else 0),
            ("workshop_id.owner_id", "child_of", provider.id)])
        errors = []
        if not machine:
            errors.append(_("Machine: choose one of your own machines."))
        try:
            day = datetime.strptime(str(values.get("day") or ""), "%Y-%m-%d").date()
        except ValueError:
            day = None
            errors.append(_("Day: please give a date."))
        start, end = parse_hour(values.get("start")), parse_hour(values.get("end"))
        if start is None or end is None or end <= start:
            errors.append(_("Time: give a start and a later end, e.g. 14:00 and 17:00."))
        today = fields.Date.from_string(course_today())
        if day and day < today:
            errors.append(_("Day: practice time cannot be opened in the past."))
        elif day and day > today + timedelta(days=MAX_DAYS_AHEAD):
            errors.append(_("Day: practice time can be opened up to two years ahead."))
            day = None
        if day and start is not None and end is not None and end > start and \
                local_to_utc_string(day, end) <= local_to_utc_string(day, start):
            # the hour the clocks skip in spring: 02:30 to 03:30 lasts no time at all
            errors.append(_("Time: on %s the clocks go forward; choose another time.")
                          % format_date(day))
        places = to_int(values.get("places")) or (machine.places if machine else 0)
        if machine and not 0 < places <= machine.places:
            errors.append(_("Places: %s has %d places.") % (machine.name, machine.places))
        if errors:
            raise UserError("\n".join(errors))
        env = outside_env(self.env)
        slot = self.with_env(env).create({
            "machine_id": machine.id, "kind": "practice", "state": "open", "places": places,
            "date_start": local_to_utc_string(day, start),
            "date_stop": local_to_utc_string(day, end)})
        return slot.id

    @api.multi
    def _qnetz_portal_own_slot(self):
        provider = self.env["res.partner"]._qnetz_portal_organisation("provider")
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one practice time."))
        own = self.sudo().search([("id", "=", self.id), ("kind", "=", "practice"),
                                  ("workshop_id.owner_id", "child_of", provider.id)])
        if not own:
            raise AccessError(_("This practice time is not yours."))
        return own.with_env(outside_env(self.env))

    @api.multi
    def qnetz_portal_close_slot(self):
        """No more bookings; what is booked stays, and so does the machine's time."""
        slot = self._qnetz_portal_own_slot()
        if slot.state != "open":
            raise UserError(_("Practice Time: only open practice time can be closed."))
        slot.write({"state": "closed"})
        return True

    @api.multi
    def qnetz_portal_cancel_slot(self):
        """Give the machine's time back; only while nobody has booked a place."""
        slot = self._qnetz_portal_own_slot()
        if slot.places_taken:
            raise UserError(_("Practice Time: companies have booked places; refuse their "
                              "bookings first."))
        slot.write({"state": "cancel"})
        return True
