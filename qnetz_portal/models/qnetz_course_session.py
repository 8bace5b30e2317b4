from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qnetz_base.tools import outside_env, to_int

ATTENDANCE_STATES = ("present", "absent", "excused")


class QnetzCourseSession(models.Model):
    _inherit = "qnetz.course.session"

    @api.multi
    def qnetz_portal_record_attendance(self, statuses):
        """A provider records who was at a session of its course that has begun.

        `statuses` maps every participant's registration id to present, absent or
        excused; attendance of a billed course is what was billed and stays as it is."""
        provider = self.env["res.partner"]._qnetz_portal_organisation("provider")
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one session."))
        session = self.search([("id", "=", self.id),
                               ("event_id.provider_id", "child_of", provider.id),
                               ("event_id.is_qnetz_course", "=", True),
                               ("event_id.state", "!=", "draft")])
        if not session:
            raise AccessError(_("This session does not belong to one of your courses."))
        course = session.event_id
        if not isinstance(statuses, dict):
            raise ValidationError(_("Attendance: please send one status per participant."))
        if course._qnetz_provider_bill():
            raise UserError(_("Attendance: the course %s has been billed; attendance can no "
                              "longer be changed.") % course.name)
        if course.state == "cancel":
            raise UserError(_("Course: %s was cancelled.") % course.name)
        if session.date_begin > fields.Datetime.now():
            raise UserError(_("Session: attendance can only be entered once the session "
                              "has started."))
        participants = course._qnetz_participants()
        given = {to_int(key): value for key, value in statuses.items()}
        if set(given) - set(participants.ids):
            raise ValidationError(_("Participant: only participants of the course %s can be "
                                    "recorded.") % course.name)
        for registration in participants:
            if given.get(registration.id) not in ATTENDANCE_STATES:
                raise ValidationError(_("Attendance: please choose present, absent or excused "
                                        "for %s.") % registration.name)
        Attendance = self.env["qnetz.attendance"].with_env(outside_env(self.env))
        existing = {a.registration_id.id: a for a in Attendance.search(
            [("session_id", "=", session.id), ("registration_id", "in", participants.ids)])}
        for registration in participants:
            status = given[registration.id]
            attendance = existing.get(registration.id)
            if attendance:
                if attendance.status != status:
                    attendance.write({"status": status})
            else:
                Attendance.create({"session_id": session.id,
                                   "registration_id": registration.id, "status": status})
        return True
