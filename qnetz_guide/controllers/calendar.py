from odoo import http
from odoo.http import request


class GuideCourseCalendar(http.Controller):

    @http.route(["/wegweiser/kurse/<int:course_id>/kalender.ics"], type="http",
                auth="public", methods=["GET"], sitemap=False)
    def course_calendar(self, course_id, **kwargs):
        content = request.env["event.event"]._qnetz_course_ics(course_id)
        if content is None:
            return request.not_found()
        return request.make_response(content, headers=[
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Disposition", 'attachment; filename="kurs-%d.ics"' % course_id),
        ])
