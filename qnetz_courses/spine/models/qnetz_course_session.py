from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .event_registration import ACTIVE_STATES


class QnetzCourseSession(models.Model):
    """One date of a course (Termin): when, how long, and who was there."""

    _name = "qnetz.course.session"
    _description = "Course Session"
    _order = "date_begin, id"

    name = fields.Char(string="Topic of the Session")
    event_id = fields.Many2one(
        "event.event", string="Course", required=True, index=True, ondelete="cascade")
    date_begin = fields.Datetime(string="Start", required=True, index=True)
    date_end = fields.Datetime(string="End", required=True)
    duration = fields.Float(
        string="Hours", compute="_compute_duration", store=True,
        help="Length of the session in hours.")
    address_id = fields.Many2one(
        "res.partner", string="Venue", related="event_id.address_id", store=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", related="event_id.company_id", store=True, readonly=True)
    attendance_ids = fields.One2many("qnetz.attendance", "session_id", string="Attendance")
    present_count = fields.Integer(compute="_compute_present_count", string="Present")

    @api.depends("date_begin", "date_end")
    def _compute_duration(self):
        for session in self:
            if session.date_begin and session.date_end:
                delta = fields.Datetime.from_string(session.date_end) - \
                    fields.Datetime.from_string(session.date_begin)
                session.duration = round(delta.total_seconds() / 3600.0, 2)
            else:
                session.duration = 0.0

    def _compute_present_count(self):
        counts = {}
        if self.ids:
            groups = self.env["qnetz.attendance"].read_group(
                [("session_id", "in", self.ids), ("status", "=", "present")],
                ["session_id"], ["session_id"])
            counts = {g["session_id"][0]: g["session_id_count"] for g in groups}
        for session in self:
            session.present_count = counts.get(session.id, 0)

    @api.multi
    def name_get(self):
        result = []
        for session in self:
            begin = fields.Datetime.context_timestamp(
                session, fields.Datetime.from_string(session.date_begin))
            label = begin.strftime("%d.%m.%Y %H:%M")
            if session.name:
                label = "%s %s" % (label, session.name)
            result.append((session.id, label))
        return result

    @api.constrains("date_begin", "date_end")
    def _check_dates(self):
        for session in self:
            if session.date_end <= session.date_begin:
                raise ValidationError(_(
                    "End: the session must end after it starts (%s).") % session.date_begin)

    @api.constrains("date_begin", "date_end", "event_id", "address_id")
    def _check_overlap(self):
        """Two sessions cannot use the same venue, or the same course, at the same time."""
        if not self:
            return
        self.env.cr.execute("""
            SELECT s.id, o.id
              FROM qnetz_course_session s
              JOIN event_event se ON se.id = s.event_id
              JOIN qnetz_course_session o
                ON o.id != s.id
               AND o.date_begin < s.date_end AND s.date_begin < o.date_end
              JOIN event_event oe ON oe.id = o.event_id
             WHERE s.id IN %s AND oe.state != 'cancel'
               AND (o.event_id = s.event_id OR oe.address_id = se.address_id)
             LIMIT 1
        """, (tuple(self.ids),))
        row = self.env.cr.fetchone()
        if row:
            session, other = self.browse(row[0]), self.browse(row[1])
            raise ValidationError(_(
                "Start: the session %s of %s overlaps with the session %s of %s "
                "at the same venue.") % (
                session.display_name, session.event_id.name,
                other.display_name, other.event_id.name))

    @api.multi
    def action_fill_attendance(self):
        """Create an attendance line (present) for every participant without one."""
        Attendance = self.env["qnetz.attendance"]
        # public, so callable over RPC by anyone who reads sessions: check before looking
        Attendance.check_access_rights("create")
        for session in self:
            registrations = session.event_id.registration_ids.filtered(
                lambda r: r.state in ACTIVE_STATES)
            known = session.attendance_ids.mapped("registration_id")
            for registration in registrations - known:
                Attendance.create({"session_id": session.id,
                                   "registration_id": registration.id,
                                   "status": "present"})
        return True
