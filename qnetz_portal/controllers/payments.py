from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

from .portal import QnetzPortal


class QnetzPaymentPortal(QnetzPortal):
    """What became of the organisation's invoices and bills after they went out."""

    @http.route(["/my/payments"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_payments(self, **kw):
        if not self._qnetz_roles() & {"company", "provider"}:
            raise Forbidden()
        values = self._prepare_portal_layout_values()
        values["page_name"] = "qnetz_payments"
        values.update(request.env["account.invoice"]._qnetz_portal_payments())
        return request.render("qnetz_portal.portal_my_payments", values)
