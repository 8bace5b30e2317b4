from odoo import _, api, fields, models

from odoo.addons.qnetz_base.tools import html_text

from ..course_time import format_datetime, utc_string_to_local


class QnetzAttendanceAlert(models.Model):
    """An unexcused absence is told to the company; two in a row reach the coordinator."""

    _inherit = "qnetz.attendance"

    alert_sent = fields.Datetime(string="Company Told", copy=False, readonly=True)
    employer_id = fields.Many2one(
        "res.partner", string="Training Company", related="apprentice_id.employer_id",
        store=True, readonly=True, index=True)

    @api.model
    def create(self, vals):
        attendance = super(QnetzAttendanceAlert, self).create(vals)
        if attendance.status == "absent":
            attendance._qnetz_absence_alert()
        return attendance

    @api.multi
    def write(self, vals):
        result = super(QnetzAttendanceAlert, self).write(vals)
        if vals.get("status") == "absent":
            self.filtered(lambda a: not a.alert_sent)._qnetz_absence_alert()
        return result

    def _qnetz_previous_status(self):
        """Status of each attendance's participant at the session before, in one query."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT a.id,
                   (SELECT pa.status
                      FROM qnetz_course_session ps
                      JOIN qnetz_attendance pa
                        ON pa.session_id = ps.id AND pa.registration_id = a.registration_id
                     WHERE ps.event_id = s.event_id AND ps.date_begin < s.date_begin
                  ORDER BY ps.date_begin DESC LIMIT 1)
              FROM qnetz_attendance a JOIN qnetz_course_session s ON s.id = a.session_id
             WHERE a.id IN %s
        """, (tuple(self.ids),))
        return dict(self.env.cr.fetchall())

    def _qnetz_absence_alert(self):
        previous = self._qnetz_previous_status()
        for attendance in self.sudo().with_context(lang="de_DE"):
            event = attendance.session_id.event_id
            apprentice = attendance.apprentice_id or attendance.registration_id.partner_id
            company = attendance.employer_id or attendance.registration_id.paying_partner_id
            values = {
                "name": apprentice.name,
                "course": event.name,
                "date": format_datetime(utc_string_to_local(attendance.session_id.date_begin)),
            }
            contact = (company.training_contact_id or company).filtered("email")
            if contact:
                event._qnetz_mail(
                    contact, _("Absence: %(name)s in %(course)s") % values,
                    "<p>%s</p><p>%s</p><p>%s</p>" % (
                        html_text(_("Hello,")),
                        html_text(_("%(name)s was absent without excuse from the session of "
                                    "%(course)s on %(date)s. Please let the provider know "
                                    "if the absence is excused.") % values),
                        html_text(_("Kind regards, your Qualification Network "
                                    "Höxter-Holzminden"))))
            if previous.get(attendance.id) == "absent":
                event._qnetz_todo(
                    _("%(name)s absent twice in a row") % values,
                    _("%(name)s missed two sessions of %(course)s in a row without excuse "
                      "(last on %(date)s).") % values,
                    users=event._qnetz_coordinator())
        self.sudo().write({"alert_sent": fields.Datetime.now()})

    @api.model
    def _qnetz_portal_absences(self):
        """Unexcused absences of the portal user's company's apprentices, newest first
        (private: it returns records, for the portal page only)."""
        organisation = self.env.user.partner_id.commercial_partner_id
        if not self.env.user.share or not organisation.is_training_company:
            return self.browse()
        return self.sudo().search([("status", "=", "absent"),
                                   ("employer_id", "=", organisation.id)],
                                  order="id desc", limit=200)
