from werkzeug.routing import ValidationError
from werkzeug.wrappers import Response

from odoo import api, models
from odoo.http import request

from odoo.addons.http_routing.models.ir_http import ModelConverter
from odoo.addons.qnetz_base.tools import CONTROL_RE

from .. import page_cache

BAD_REQUEST_TEXT = (
    "Die Anfrage enthält ungültige Zeichen und wurde nicht bearbeitet.\n"
    "The request contains invalid characters and was not processed.\n")


class OfferConverter(ModelConverter):
    """URL converter for /wegweiser/<offer:offer>.

    The standard model converter hands any id to the controller, and building the
    canonical slug of an offer the visitor may not read ends in a 403 page that also
    confirms the offer exists. This converter refuses such offers while routing, so
    the visitor gets the ordinary 404 page; network users may still preview them.
    """

    def __init__(self, url_map, model="qnetz.offer", domain="[]"):
        super(OfferConverter, self).__init__(url_map, "qnetz.offer", domain)

    def to_python(self, value):
        record = super(OfferConverter, self).to_python(value)
        env = api.Environment(request.cr, 1, {})
        offer = env["qnetz.offer"].browse(record.id)
        visible = env["qnetz.offer"].search(
            [("id", "=", offer.id)] + offer._qnetz_visible_domain())
        if not visible:
            uid = request.session.uid
            if not (uid and offer.exists()
                    and env["res.users"].browse(uid).has_group("qnetz_base.group_qnetz_user")):
                raise ValidationError()
        return record


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _dispatch(cls):
        # PostgreSQL can neither store nor compare NUL, and no field of the network takes
        # other control characters: such input (in the path, the query or a form) gets a
        # 400 before any controller, or the website's page lookup, sends it to the
        # database and fails there with a 500. This module depends on website, so this
        # check runs before website's own dispatch.
        if cls._qnetz_has_bad_characters(request.httprequest):
            return Response(BAD_REQUEST_TEXT, status=400, mimetype="text/plain")
        # Before the request's first query: the page cache must know which changes the
        # request's snapshot of the database can include; a page it already holds for
        # this very request is served without the website's routing.
        cached = page_cache.start_request()
        if cached is not None:
            return cached
        return super(IrHttp, cls)._dispatch()

    @staticmethod
    def _qnetz_has_bad_characters(httprequest):
        if CONTROL_RE.search(httprequest.path):
            return True
        for multidict in (httprequest.args, httprequest.form):
            for key, values in multidict.lists():
                for text in [key] + values:
                    if isinstance(text, str) and CONTROL_RE.search(text):
                        return True
        return False

    @classmethod
    def _get_converters(cls):
        return dict(super(IrHttp, cls)._get_converters(), qnetz_offer=OfferConverter)

    @classmethod
    def _add_dispatch_parameters(cls, func):
        # Odoo 11 picks the website language from the browser's Accept-Language,
        # so an English browser (and every request without the header) got the
        # English site, even for a logged-in user whose language is German. The
        # network's site is German; English is there for those who choose it with
        # the language switcher (a /en_US/ URL, then the frontend_lang cookie).
        # Without that choice, a user gets their own language, a visitor German.
        if request.routing_iteration == 1:
            langs = [lang.code for lang in cls._get_languages()]
            if request.httprequest.cookies.get("frontend_lang") not in langs:
                user_lang = request.session.uid and request.env.user.lang
                request.lang = user_lang if user_lang in langs else cls._get_default_lang().code
        return super(IrHttp, cls)._add_dispatch_parameters(func)
