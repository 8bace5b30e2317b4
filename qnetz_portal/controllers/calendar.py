from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request


class QnetzCalendarPortal(http.Controller):
    """The course calendar (.ics) of the portal user's company or provider.

    Which courses it holds is decided by event.event.qnetz_portal_ics() from the user
    alone; the route takes no parameter that could choose others.
    """

    @http.route(["/my/kalender.ics"], type="http", auth="user", methods=["GET"])
    def portal_course_calendar(self, **kw):
        try:
            content = request.env["event.event"].qnetz_portal_ics().encode("utf-8")
        except AccessError:
            raise Forbidden()
        return request.make_response(content, headers=[
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Disposition", 'attachment; filename="kurskalender.ics"'),
        ])
