import json

from odoo import http
from odoo.http import request


class Health(http.Controller):

    # auth="none": a monitor polls every minute; it needs no session and no visitor.
    @http.route(["/qnetz/health"], type="http", auth="none", methods=["GET"], sitemap=False)
    def health(self, **kwargs):
        ok, details = request.env["qnetz.health"].sudo()._qnetz_report(
            request.httprequest.headers.get("X-Health-Token"))
        if details is None:
            body, mimetype = ("ok\n" if ok else "not ok\n"), "text/plain"
        else:
            body, mimetype = json.dumps(details), "application/json"
        return http.Response(body, status=200 if ok else 503, mimetype=mimetype,
                             headers=[("Cache-Control", "no-store")])
