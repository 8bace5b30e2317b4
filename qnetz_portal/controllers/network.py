from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

from .portal import QnetzPortal


class QnetzNetworkPortal(QnetzPortal):
    """The network reader's page: the network's figures of a period."""

    @http.route(["/my/netzwerk"], type="http", auth="user", website=True, methods=["GET"])
    def portal_network_figures(self, date_from=None, date_to=None, **kw):
        if "network" not in self._qnetz_roles():
            raise Forbidden()
        page = request.env["qnetz.report.figures"].qnetz_portal_figures(date_from, date_to)
        figures = page["figures"]
        values = self._prepare_portal_layout_values()
        values.update(page)
        values.update({
            "page_name": "qnetz_network",
            # what the reader typed stays in the form, also when it was wrong
            "date_from": date_from or (figures and figures["date_from"]) or "",
            "date_to": date_to or (figures and figures["date_to"]) or "",
        })
        return request.render("qnetz_portal.portal_my_network", values)

    @http.route()
    def account(self, redirect=None, **post):
        # the network reader keeps no details of its own in the network: the coordination
        # keeps them, and the reader changes nothing
        if self._qnetz_roles() == {"network"}:
            return request.redirect("/my/netzwerk")
        return super(QnetzNetworkPortal, self).account(redirect=redirect, **post)
