from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .event_registration import ACTIVE_STATES


class QnetzAttendance(models.Model):
    """Whether a participant was at one session of the course."""

    _name = "qnetz.attendance"
    _description = "Course Attendance"
    _order = "session_id, registration_id"

    registration_id = fields.Many2one(
        "event.registration", string="Participant", required=True, index=True,
        ondelete="cascade")
    session_id = fields.Many2one(
        "qnetz.course.session", string="Session", required=True, index=True,
        ondelete="cascade")
    event_id = fields.Many2one(
        "event.event", string="Course", related="session_id.event_id", store=True,
        readonly=True, index=True)
    apprentice_id = fields.Many2one(
        "res.partner", string="Apprentice", related="registration_id.apprentice_id",
        store=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", related="session_id.event_id.company_id", store=True, readonly=True)
    status = fields.Selection(
        [("present", "Present"), ("absent", "Absent"), ("excused", "Excused")],
        string="Attendance", required=True, default="present")
    duration = fields.Float(related="session_id.duration", readonly=True, string="Hours")
    note = fields.Char()

    _sql_constraints = [
        ("registration_session_unique", "unique(registration_id, session_id)",
         "Attendance: each participant has one attendance entry per session."),
    ]

    @api.constrains("registration_id", "session_id")
    def _check_same_course(self):
        for attendance in self:
            registration = attendance.registration_id
            if registration.event_id != attendance.session_id.event_id:
                raise ValidationError(_(
                    "Session: %s is not a session of the course %s.") % (
                    attendance.session_id.display_name, registration.event_id.name))
            if registration.state not in ACTIVE_STATES:
                raise ValidationError(_(
                    "Participant: %s holds no seat in the course (waiting list or cancelled); "
                    "attendance is recorded for participants only.") % registration.name)
