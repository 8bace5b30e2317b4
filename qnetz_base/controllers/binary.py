from odoo import http

from odoo.addons.web.controllers.main import Binary


class QnetzBinary(Binary):

    @http.route()
    def content_common(self, xmlid=None, model="ir.attachment", id=None, field="datas",
                       filename=None, filename_field="datas_fname", unique=None,
                       mimetype=None, download=None, data=None, token=None,
                       access_token=None, **kw):
        """Odoo sets the download cookie `fileToken` on every answer, and a 404 (an
        exception, not a response) has no cookies: a `token` with a missing file was a
        server error. The cookie goes only on real responses."""
        response = super(QnetzBinary, self).content_common(
            xmlid=xmlid, model=model, id=id, field=field, filename=filename,
            filename_field=filename_field, unique=unique, mimetype=mimetype,
            download=download, data=data, token=None, access_token=access_token, **kw)
        if token and hasattr(response, "set_cookie"):
            response.set_cookie("fileToken", token)
        return response
