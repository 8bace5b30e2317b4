import base64

from odoo import _, api, fields, models

from .event_event_schedule import utc_string_to_local
from ...spine.models.event_registration import ACTIVE_STATES


class QnetzCourseSessionCalendar(models.Model):
    """Warns when a session is moved onto a holiday or a participant's school day."""

    _inherit = "qnetz.course.session"

    reminder_sent = fields.Datetime(copy=False, readonly=True)
    calendar_warning = fields.Text(
        string="Calendar Conflicts", compute="_compute_calendar_warning",
        help="Holidays of the states concerned and participants' school days on this date.")

    def _qnetz_conflict_reasons(self):
        self.ensure_one()
        if not self.date_begin or not self.event_id:
            return []
        day = utc_string_to_local(self.date_begin).date()
        event = self.event_id
        conflicts = self.env["qnetz.calendar"]._qnetz_conflicts(
            day, day, event._qnetz_concerned_states(), event._qnetz_calendar_apprentices())
        return conflicts.get(day, [])

    @api.depends("date_begin", "event_id")
    def _compute_calendar_warning(self):
        # one range per course, not one look-up per session (a course form shows them all)
        Calendar = self.env["qnetz.calendar"]
        by_event = {}
        for session in self.filtered(lambda s: s.date_begin and s.event_id):
            by_event.setdefault(session.event_id, []).append(session)
        for session in self:
            session.calendar_warning = False
        for event, sessions in by_event.items():
            days = [utc_string_to_local(s.date_begin).date() for s in sessions]
            conflicts = Calendar._qnetz_conflicts(
                min(days), max(days), event._qnetz_concerned_states(),
                event._qnetz_calendar_apprentices())
            for session, day in zip(sessions, days):
                session.calendar_warning = "\n".join(conflicts.get(day, [])) or False

    @api.onchange("date_begin")
    def _onchange_calendar(self):
        reasons = self._qnetz_conflict_reasons()
        if reasons:
            return {"warning": {
                "title": _("Date does not suit everyone"),
                "message": _("This date conflicts with:\n%s") % "\n".join(reasons)}}

    # Reminders --------------------------------------------------------------------

    def _qnetz_reminder_recipients(self):
        """Participants, their companies' training contacts and the provider, with an email."""
        self.ensure_one()
        event = self.event_id.sudo()
        registrations = event.registration_ids.filtered(lambda r: r.state in ACTIVE_STATES)
        partners = registrations.mapped("apprentice_id") | registrations.mapped("partner_id")
        for company in registrations.mapped("apprentice_id.employer_id") \
                | registrations.mapped("paying_partner_id"):
            partners |= company.training_contact_id or company
        partners |= event.provider_id
        return partners.filtered("email")

    def _qnetz_send_reminder(self):
        """One mail per session, sent to each recipient on their own, with an .ics entry."""
        self.ensure_one()
        event = self.event_id.sudo()
        begin = utc_string_to_local(self.date_begin)
        end = utc_string_to_local(self.date_end)
        values = {
            "course": event.name,
            "date": begin.strftime("%d.%m.%Y"),
            "begin": begin.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "place": event._qnetz_location() or _("see the course description"),
            "provider": event.provider_id.name or "",
        }
        subject = _("Reminder: %(course)s on %(date)s at %(begin)s") % values
        body = "<p>%s</p><p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li></ul><p>%s</p>" % (
            _("Hello,"),
            _("this is a reminder of the next session of the course %(course)s.") % values,
            _("Date: %(date)s, %(begin)s to %(end)s") % values,
            _("Place: %(place)s") % values,
            _("Provider: %(provider)s") % values,
            _("The appointment is attached for your calendar. Kind regards, your "
              "Qualification Network Höxter-Holzminden"))
        attachment = self.env["ir.attachment"].sudo().create({
            "name": "termin.ics",
            "datas_fname": "termin.ics",
            "datas": base64.b64encode(event._qnetz_ics(sessions=self)),
            "mimetype": "text/calendar",
            "res_model": self._name,
            "res_id": self.id,
        })
        return self.env["mail.mail"].sudo().create({
            "subject": subject,
            "body_html": body,
            "email_from": event.user_id.email_formatted or self.env.user.company_id.email
            or False,
            "recipient_ids": [(6, 0, self._qnetz_reminder_recipients().ids)],
            "attachment_ids": [(6, 0, attachment.ids)],
            "model": "event.event",
            "res_id": event.id,
            "auto_delete": False,
        })
