from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...spine.course_time import format_date, utc_string_to_local


class QnetzCourseSession(models.Model):
    _inherit = "qnetz.course.session"

    machine_booking_ids = fields.One2many("qnetz.machine.booking", "session_id",
                                          string="Machines", readonly=True,
                                          groups="qnetz_base.group_qnetz_user")

    @api.multi
    def _qnetz_book_machines(self):
        """Hold the machines the course's module needs for each session. The database
        refuses a machine another booking holds; a session whose places are gone since
        it was planned is named."""
        Booking = self.env["qnetz.machine.booking"]
        runs = defaultdict(dict)
        for session in self.filtered(lambda s: not s.machine_booking_ids):
            if not session.event_id._qnetz_machine_needs():
                continue
            local = utc_string_to_local(session.date_begin)
            key = (session.event_id, local.hour + local.minute / 60.0, session.duration)
            runs[key][local.date()] = session
        for (event, start_hour, hours), by_day in runs.items():
            plan = event._qnetz_plan_places(list(by_day), start_hour, hours)
            for day, session in sorted(by_day.items()):
                workshop, machines = plan[day]
                if not workshop:
                    raise UserError(_("Session of %s: %s") % (format_date(day), machines))
                for machine in machines:
                    try:
                        Booking.create({
                            "machine_id": machine.id, "kind": "course", "state": "closed",
                            "session_id": session.id, "date_start": session.date_begin,
                            "date_stop": session.date_end, "places": machine.places})
                    except ValidationError:
                        raise UserError(_(
                            "Session of %s: %s was booked by someone else just now; "
                            "please plan again.") % (format_date(day), machine.name))
                if not event.workshop_id:
                    event.workshop_id = workshop
        return True
