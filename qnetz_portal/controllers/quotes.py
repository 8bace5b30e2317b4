from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from .courses import QnetzCoursePortal
from .portal import _portal_action

QUOTE_FORM_FIELDS = ("price", "date_begin", "date_end", "time_pattern", "venue", "trainer",
                     "remarks")


class QnetzQuotePortal(QnetzCoursePortal):
    """Providers answer the coordinator's quote requests. The pages read as the portal
    user (record rules: only the quotes addressed to the provider); the answer is
    qnetz.quote.qnetz_portal_answer_quote's, which holds every rule."""

    def _qnetz_home_counts(self, roles, partner):
        values = super(QnetzQuotePortal, self)._qnetz_home_counts(roles, partner)
        if "provider" in roles:
            # the requests waiting for an answer are on the provider's start page
            open_quotes = request.env["qnetz.quote"].search(
                self._quote_domain(partner) + [("state", "=", "requested")])
            values["qnetz_open_quote_count"] = len(open_quotes)
            values["qnetz_open_quotes"] = open_quotes
        return values

    def _quote_domain(self, provider):
        return [("provider_id", "child_of", provider.id)]

    def _get_quote(self, quote_id):
        provider = self._qnetz_provider()
        quote = request.env["qnetz.quote"].search(
            [("id", "=", quote_id)] + self._quote_domain(provider), limit=1)
        if not quote:
            raise NotFound()
        return quote

    def _quote_values(self, quote, form=None, error_messages=None, message=None):
        values = self._prepare_portal_layout_values()
        if form is None:
            form = {name: quote[name] or "" for name in QUOTE_FORM_FIELDS}
            form["price"] = ("%.2f" % quote.price).replace(".", ",") if quote.price else ""
        values.update({
            "page_name": "qnetz_provider_quote",
            "quote": quote,
            "quote_request": quote.quote_request_id,
            "open": quote._qnetz_portal_is_open(),
            "form": form,
            "error_messages": error_messages or [],
            "message": message,
            "quote_states": dict(self._selection("qnetz.quote", "state")),
            "places": dict(self._selection("qnetz.quote.request", "place")),
        })
        return values

    @http.route(["/my/provider/quotes"], type="http", auth="user", website=True)
    def portal_provider_quotes(self, **kw):
        provider = self._qnetz_provider()
        quotes = request.env["qnetz.quote"].search(self._quote_domain(provider),
                                                   order="id desc")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_provider_quote",
            "quotes": quotes,
            "quote_states": dict(self._selection("qnetz.quote", "state")),
        })
        return request.render("qnetz_portal.portal_provider_quotes", values)

    @http.route(["/my/provider/quotes/<int:quote_id>"], type="http", auth="user",
                website=True, methods=["GET", "POST"])
    def portal_provider_quote(self, quote_id, message=None, **post):
        quote = self._get_quote(quote_id)
        if request.httprequest.method != "POST":
            return request.render("qnetz_portal.portal_provider_quote",
                                  self._quote_values(quote, message=message))
        form = {name: (post.get(name) or "").strip() for name in QUOTE_FORM_FIELDS}
        _result, error = _portal_action(quote.qnetz_portal_answer_quote, dict(form))
        if error:
            return request.render("qnetz_portal.portal_provider_quote", self._quote_values(
                quote, form=form, error_messages=error.split("\n")))
        return request.redirect("/my/provider/quotes/%d?message=answered" % quote.id)
