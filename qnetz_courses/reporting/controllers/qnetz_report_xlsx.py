from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import Response, request


class QnetzReportController(http.Controller):

    def _bad_request(self, message):
        return Response(message, status=400, content_type="text/plain; charset=utf-8")

    @http.route("/qnetz/report/xlsx", type="http", auth="user", methods=["GET"])
    def qnetz_report_xlsx(self, date_from=None, date_to=None, district_ids=None,
                          project_id=None, **kwargs):
        # who may see the figures is decided in one place, qnetz.report.figures
        if not request.env.user.has_group("qnetz_base.group_qnetz_user"):
            raise Forbidden()
        try:
            ids = [int(i) for i in (district_ids or "").split(",") if i.strip()]
        except ValueError:
            return self._bad_request(
                _("Districts: '%s' is not a list of district ids.") % district_ids)
        try:
            figures = request.env["qnetz.report.figures"].compute(date_from, date_to, ids)
        except AccessError:
            raise Forbidden()
        except UserError as error:
            return self._bad_request(error.name)
        if project_id:
            # the project's targets against the actuals (qnetz_project.py)
            project = request.env["qnetz.project"].browse(
                int(project_id) if project_id.isdigit() else 0).exists()
            if not project:
                return self._bad_request(_("Project: '%s' is not a funded project.")
                                         % project_id)
            figures = project._qnetz_add_targets(figures)
        content = request.env["qnetz.report.figures"].to_xlsx(figures)
        filename = "Auswertung_%s_%s.xlsx" % (figures["date_from"], figures["date_to"])
        return request.make_response(content, headers=[
            ("Content-Type",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", 'attachment; filename="%s"' % filename),
        ])
