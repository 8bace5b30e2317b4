from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.web.controllers.main import ReportController

from ..tools import is_pg_int

REPORT_CONVERTERS = ("html", "pdf")


class QnetzReportController(ReportController):

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        """A report of records the user may not read is refused (403), one of records or
        a report that do not exist is not found (404): Odoo answered both with a server
        error, and the error page named the record."""
        if converter not in REPORT_CONVERTERS:
            raise NotFound()
        if docids:
            parts = docids.split(",")
            if not all(part.isdigit() and is_pg_int(int(part)) for part in parts):
                raise NotFound()
        try:
            if not request.env["ir.actions.report"]._get_report_from_name(reportname):
                raise NotFound()
            return super(QnetzReportController, self).report_routes(
                reportname, docids=docids, converter=converter, **data)
        except MissingError:
            raise NotFound()
        except AccessError:
            raise Forbidden()
