from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.website_event.controllers.main import WebsiteEventController


class QnetzWebsiteEvent(WebsiteEventController):
    """Odoo's event pages stay for ordinary events; network courses are registered by
    companies in the portal, so the stock registration routes do not serve them (the
    registration model refuses them too, for any other caller)."""

    @http.route()
    def event_register(self, event, **post):
        if event.sudo().is_qnetz_course:
            return request.redirect("/wegweiser/kurse")
        return super(QnetzWebsiteEvent, self).event_register(event, **post)

    @http.route()
    def registration_new(self, event, **post):
        if event.sudo().is_qnetz_course:
            return False
        return super(QnetzWebsiteEvent, self).registration_new(event, **post)

    @http.route()
    def registration_confirm(self, event, **post):
        if event.sudo().is_qnetz_course:
            raise NotFound()
        return super(QnetzWebsiteEvent, self).registration_confirm(event, **post)
