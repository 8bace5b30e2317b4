from werkzeug.exceptions import BadRequest

from odoo import http

from odoo.addons.web_editor.controllers.main import Web_Editor

ICON_FONT = "/web/static/lib/fontawesome/fonts/fontawesome-webfont.ttf"
# mass mailing draws icons of a few dozen pixels; an image of 2^31 pixels a side is an
# attack on the server's memory
MAX_ICON_SIZE = 512


class QnetzWebEditor(Web_Editor):

    @http.route()
    def export_icon_to_png(self, icon, color="#000", size=100, alpha=255, font=ICON_FONT):
        """Icons of Font Awesome only, of a sensible size. The public route read any file
        under the addons path as a font (`font=` is joined to the path) and allocated an
        image of any size: junk closed the connection or exhausted memory."""
        if font != ICON_FONT or not 1 <= size <= MAX_ICON_SIZE or not 0 <= alpha <= 255:
            raise BadRequest()
        return super(QnetzWebEditor, self).export_icon_to_png(
            icon, color=color, size=size, alpha=alpha, font=font)

    @http.route()
    def attach(self, func, upload=None, url=None, disable_optimization=None, **kwargs):
        """An image is uploaded or linked: a request with neither split the missing URL
        and answered 500."""
        if not upload and not url:
            raise BadRequest()
        return super(QnetzWebEditor, self).attach(
            func, upload=upload, url=url, disable_optimization=disable_optimization, **kwargs)
