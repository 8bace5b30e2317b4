from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

from odoo.addons.website.controllers.main import Website


class QnetzWebsiteDesigner(Website):

    @http.route()
    def reset_template(self, templates, redirect="/"):
        """Resetting templates upgrades their modules as superuser: a tool of the website
        designer. Any other user (a portal user reached it) is refused before the stock
        code, which reads a field `page` that Odoo 11's views lack and answered 500."""
        if not request.env.user.has_group("website.group_website_designer"):
            raise Forbidden()
        return super(QnetzWebsiteDesigner, self).reset_template(templates, redirect=redirect)
