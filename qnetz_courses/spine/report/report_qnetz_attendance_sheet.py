from odoo import api, models

from ...calendar.models.event_event_schedule import utc_string_to_local
from ..models.event_registration import ACTIVE_STATES


class ReportQnetzAttendanceSheet(models.AbstractModel):
    """The list participants sign at a session (Anwesenheitsliste)."""

    _name = "report.qnetz_courses.report_attendance_sheet"
    _description = "Attendance Sheet"

    @api.model
    def get_report_values(self, docids, data=None):
        sessions = self.env["qnetz.course.session"].browse(docids)
        sheets = []
        for session in sessions:
            event = session.event_id
            registrations = event.registration_ids.filtered(
                lambda r: r.state in ACTIVE_STATES).sorted(
                lambda r: (r.apprentice_id.name or r.name or "").lower())
            begin = utc_string_to_local(session.date_begin)
            end = utc_string_to_local(session.date_end)
            sheets.append({
                "session": session,
                "course": event.name,
                "provider": event.provider_id.name or "",
                "place": event._qnetz_location(),
                "date": begin.strftime("%d.%m.%Y"),
                "time": "%s–%s" % (begin.strftime("%H:%M"), end.strftime("%H:%M")),
                "hours": "%g" % session.duration,
                "rows": [{
                    "name": r.apprentice_id.name or r.name,
                    "company": (r.apprentice_id.employer_id or r.paying_partner_id).name or "",
                } for r in registrations],
            })
        return {"doc_ids": docids, "doc_model": "qnetz.course.session", "docs": sessions,
                "sheets": sheets}
