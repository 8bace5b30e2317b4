from odoo import _, api, models
from odoo.exceptions import UserError


class QnetzAttendance(models.Model):
    _inherit = "qnetz.attendance"

    # Providers record attendance in the portal. Their access rights and record rules are
    # checked explicitly, then the change is made as superuser: it recomputes stored fields
    # of the registration (attended hours, certificate), which portal users cannot write.

    @api.model
    def create(self, vals):
        if not self.env.user.share:
            return super(QnetzAttendance, self).create(vals)
        self.check_access_rights("create")
        attendance = super(QnetzAttendance, self.sudo()).create(vals).sudo(self.env.uid)
        attendance.check_access_rule("create")
        attendance._check_not_billed()
        return attendance

    @api.multi
    def write(self, vals):
        if not self.env.user.share:
            return super(QnetzAttendance, self).write(vals)
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._check_not_billed()
        result = super(QnetzAttendance, self.sudo()).write(vals)
        self.check_access_rule("write")
        return result

    @api.multi
    def _check_not_billed(self):
        """Once the provider has billed a course, its attendance is what was billed."""
        events = self.sudo().mapped("session_id.event_id")
        billed = self.env["account.invoice"].sudo().search([
            ("qnetz_course_id", "in", events.ids), ("qnetz_is_provider_bill", "=", True),
            ("state", "!=", "cancel")]).mapped("qnetz_course_id")
        if billed:
            raise UserError(_("Attendance: the course %s has been billed; attendance can no "
                              "longer be changed.") % ", ".join(billed.mapped("name")))
