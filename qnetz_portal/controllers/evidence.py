from odoo import http
from odoo.http import request

from odoo.addons.qnetz_guide.page_cache import cached_public_page

from .portal import QnetzPortal


class QnetzEvidencePortal(QnetzPortal):
    """Absences for the companies, and the public check of a certificate number."""

    @http.route(["/my/abwesenheiten"], type="http", auth="user", website=True)
    def portal_my_absences(self, **kw):
        self._qnetz_company()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_absences",
            "absences": request.env["qnetz.attendance"]._qnetz_portal_absences(),
        })
        return request.render("qnetz_portal.portal_my_absences", values)

    @http.route(["/zertifikat/pruefen"], type="http", auth="public", website=True,
                methods=["GET"], sitemap=False)
    def certificate_check(self, nummer=None, code=None, **kw):
        def render():
            result = None
            if nummer is not None or code is not None:
                result = request.env["qnetz.certificate"].qnetz_public_check(nummer, code)
            return request.render("qnetz_portal.certificate_check", {
                "result": result, "number": nummer or "", "code": code or ""})
        # The empty form is the same for every visitor; a check (with parameters) is
        # never cached.
        return cached_public_page(render)
