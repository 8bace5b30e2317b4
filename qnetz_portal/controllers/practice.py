from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from .portal import QnetzPortal, _portal_action

SLOT_FORM_FIELDS = ("machine_id", "day", "start", "end", "places")


class QnetzPracticePortal(QnetzPortal):
    """Practice time on the machines of providers and schools. The pages read as the
    portal user (record rules); every change is one portal action of the model, which
    checks whose records they are."""

    # ------------------------------------------------------------------ company

    def _company_practice_values(self, message=None, error_messages=None):
        company = self._qnetz_company()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_practice",
            "workshops": request.env["qnetz.workshop"]._qnetz_open_practice_time(),
            "apprentices": request.env["res.partner"].search(self._apprentice_domain(company)),
            "bookings": request.env["qnetz.practice.booking"].search(
                [("company_id", "=", company.id)]),
            "booking_states": dict(self._selection("qnetz.practice.booking", "state")),
            "message": message,
            "error_messages": error_messages or [],
        })
        return values

    @http.route(["/my/uebungszeit"], type="http", auth="user", website=True)
    def portal_practice(self, message=None, **kw):
        return request.render("qnetz_portal.portal_practice",
                              self._company_practice_values(message=message))

    @http.route(["/my/uebungszeit/buchen"], type="http", auth="user", website=True,
                methods=["POST"])
    def portal_practice_book(self, slot_id=None, **post):
        self._qnetz_company()
        apprentice_ids = request.httprequest.form.getlist("apprentice_ids")
        _result, error = _portal_action(request.env["qnetz.practice.booking"].qnetz_portal_book,
                                        slot_id, apprentice_ids)
        if error:
            return request.render("qnetz_portal.portal_practice", self._company_practice_values(
                error_messages=error.split("\n")))
        return request.redirect("/my/uebungszeit?message=booked")

    @http.route(["/my/uebungszeit/<int:booking_id>/stornieren"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_practice_cancel(self, booking_id, **post):
        self._qnetz_company()
        booking = request.env["qnetz.practice.booking"].browse(booking_id)
        _result, error = _portal_action(booking.qnetz_portal_cancel_practice)
        if error:
            return request.render("qnetz_portal.portal_practice", self._company_practice_values(
                error_messages=error.split("\n")))
        return request.redirect("/my/uebungszeit?message=cancelled")

    @http.route(["/my/uebungszeit/azubi/<int:apprentice_id>/kalender.ics"], type="http",
                auth="user", methods=["GET"])
    def portal_apprentice_calendar(self, apprentice_id, **kw):
        try:
            content = request.env["qnetz.practice.booking"].qnetz_portal_apprentice_ics(
                apprentice_id).encode("utf-8")
        except AccessError:
            raise Forbidden()
        return request.make_response(content, headers=[
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Disposition", 'attachment; filename="azubi-%d.ics"' % apprentice_id),
        ])

    # ------------------------------------------------------------------ provider

    def _provider_practice_values(self, form=None, message=None, error_messages=None):
        provider = self._qnetz_provider()
        values = self._prepare_portal_layout_values()
        own = [("workshop_id.owner_id", "child_of", provider.id)]
        bookings = request.env["qnetz.practice.booking"].search(
            own + [("state", "in", ("requested", "confirmed"))], limit=100)
        values.update({
            "page_name": "qnetz_provider_practice",
            "machines": request.env["qnetz.machine"].search(own),
            "slots": request.env["qnetz.machine.booking"].search(
                own + [("kind", "=", "practice"), ("state", "!=", "cancel")],
                order="date_start desc", limit=100),
            "bookings": bookings,
            # the companies and apprentices of the bookings in its workshops, which the
            # provider cannot read as contacts (the bookings were read through the rules)
            "labels": {booking.id: {
                "company": booking.company_id.name,
                "apprentices": ", ".join(booking.apprentice_ids.mapped("name")),
                "missing": ", ".join(booking.briefing_missing_ids.mapped("name")),
            } for booking in bookings.sudo()},
            "slot_states": dict(self._selection("qnetz.machine.booking", "state")),
            "booking_states": dict(self._selection("qnetz.practice.booking", "state")),
            "form": form or {},
            "message": message,
            "error_messages": error_messages or [],
        })
        return values

    @http.route(["/my/provider/uebungszeit"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_provider_practice(self, message=None, **post):
        if request.httprequest.method != "POST":
            return request.render("qnetz_portal.portal_provider_practice",
                                  self._provider_practice_values(message=message))
        self._qnetz_provider()
        form = {name: (post.get(name) or "").strip() for name in SLOT_FORM_FIELDS}
        _result, error = _portal_action(
            request.env["qnetz.machine.booking"].qnetz_portal_open_slot, dict(form))
        if error:
            return request.render("qnetz_portal.portal_provider_practice",
                                  self._provider_practice_values(
                                      form=form, error_messages=error.split("\n")))
        return request.redirect("/my/provider/uebungszeit?message=opened")

    @http.route(["/my/provider/uebungszeit/<int:record_id>/<string(maxlength=20):action>"],
                type="http", auth="user", website=True, methods=["POST"])
    def portal_provider_practice_action(self, record_id, action, **post):
        self._qnetz_provider()
        Slot = request.env["qnetz.machine.booking"]
        Booking = request.env["qnetz.practice.booking"]
        actions = {
            "schliessen": Slot.browse(record_id).qnetz_portal_close_slot,
            "absagen": Slot.browse(record_id).qnetz_portal_cancel_slot,
            "bestaetigen": Booking.browse(record_id).qnetz_portal_confirm_practice,
            "ablehnen": Booking.browse(record_id).qnetz_portal_refuse_practice,
            "unterwiesen": Booking.browse(record_id).qnetz_portal_record_briefings,
        }
        if action not in actions:
            raise Forbidden()
        _result, error = _portal_action(actions[action])
        if error:
            return request.render("qnetz_portal.portal_provider_practice",
                                  self._provider_practice_values(
                                      error_messages=error.split("\n")))
        return request.redirect("/my/provider/uebungszeit?message=%s" % action)
