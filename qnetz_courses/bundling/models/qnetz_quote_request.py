from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.qnetz_base.models.qnetz_need import AREAS
from odoo.addons.qnetz_base.models.res_partner import PROVIDER_DOMAIN
from odoo.addons.qnetz_base.tools import html_text

from ...spine.course_time import course_today

REQUEST_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent to Providers"),
    ("accepted", "Quote Accepted"),
    ("cancelled", "Cancelled"),
]
# Days the providers get to answer unless the coordinator sets another deadline.
DEFAULT_ANSWER_DAYS = 14


class QnetzQuoteRequest(models.Model):
    """The coordinator asks the providers of a module what a course would cost.

    Made from a bundle proposal; each provider asked gets a qnetz.quote to answer in the
    portal until the deadline. Accepting one quote creates the course with that
    provider, price and dates; the other providers are told."""

    _name = "qnetz.quote.request"
    _description = "Quote Request"
    _inherit = ["mail.thread"]
    _order = "deadline desc, id desc"

    name = fields.Char(string="Subject", required=True, track_visibility="onchange")
    module_id = fields.Many2one(
        "qnetz.course.module", string="Course Module", required=True, ondelete="restrict",
        track_visibility="onchange")
    area = fields.Selection(AREAS, related="module_id.area", readonly=True, store=True)
    hours = fields.Float(string="Teaching Hours")
    need_ids = fields.Many2many(
        "qnetz.need", "qnetz_quote_request_need_rel", "request_id", "need_id",
        string="Training Needs", domain=[("state", "=", "qualified"), ("course_id", "=", False)])
    participant_count = fields.Integer(string="Participants", required=True, default=1)
    place = fields.Selection(
        [("hoexter", "Höxter side"), ("holzminden", "Holzminden side"),
         ("either", "Either side")], string="Side of the Weser", default="either")
    venue_hint = fields.Char(string="Suggested Venue",
                             help="The town with the least travel for the participants.")
    wanted_start = fields.Date()
    deadline = fields.Date(
        string="Answer by", required=True,
        default=lambda self: fields.Date.to_string(
            fields.Date.from_string(course_today()) + timedelta(days=DEFAULT_ANSWER_DAYS)),
        track_visibility="onchange")
    remarks = fields.Text(string="Notes to the Providers")
    state = fields.Selection(REQUEST_STATES, default="draft", required=True, readonly=True,
                             copy=False, track_visibility="onchange", string="Status")
    quote_ids = fields.One2many("qnetz.quote", "quote_request_id", string="Quotes")
    provider_ids = fields.Many2many(
        "res.partner", "qnetz_quote_request_provider_rel", "request_id", "partner_id",
        string="Providers to Ask",
        domain=PROVIDER_DOMAIN)
    answered_count = fields.Integer(compute="_compute_answered_count", string="Answers")
    course_id = fields.Many2one("event.event", string="Course", readonly=True, copy=False)
    user_id = fields.Many2one("res.users", string="Coordinator",
                              default=lambda self: self.env.user)
    company_id = fields.Many2one(
        "res.company", string="Company", required=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "qnetz.quote.request"))

    @api.depends("quote_ids.state")
    def _compute_answered_count(self):
        for request in self:
            request.answered_count = len(request.quote_ids.filtered(
                lambda q: q.state in ("answered", "accepted", "declined") and q.answered_date))

    @api.onchange("module_id")
    def _onchange_module_id(self):
        if self.module_id:
            self.provider_ids = self.module_id.provider_ids
            self.hours = self.module_id.hours
            if not self.name:
                self.name = self.module_id.name

    @api.model
    def create(self, vals):
        request = super(QnetzQuoteRequest, self).create(vals)
        if "provider_ids" not in vals and request.module_id:
            request.provider_ids = request.module_id.provider_ids
        if "hours" not in vals and request.module_id:
            request.hours = request.module_id.hours
        return request

    @api.multi
    def action_send(self):
        """Ask every chosen provider: one quote each, and a mail."""
        for request in self:
            if request.state != "draft":
                raise UserError(_("Quote Request: %s has already been sent.") % request.name)
            if not request.provider_ids:
                raise UserError(_("Providers to Ask: please choose at least one provider; "
                                  "the module names the providers that offer it."))
            if request.deadline < course_today():
                raise UserError(_("Answer by: the deadline has passed."))
            Quote = self.env["qnetz.quote"]
            for provider in request.provider_ids:
                quote = Quote.create({"quote_request_id": request.id, "provider_id": provider.id})
                quote._qnetz_tell_provider(_(
                    "Please send us your quote for the course \"%s\" (%d participants) "
                    "in the portal by %s.") % (request.name, request.participant_count,
                                               request._qnetz_format_date(request.deadline)))
            request.state = "sent"
        return True

    def _qnetz_format_date(self, value):
        lang = self.env["res.lang"]._lang_get(self.env.lang or "de_DE")
        return fields.Date.from_string(value).strftime(lang.date_format) if value else ""

    @api.multi
    def action_cancel(self):
        for request in self:
            if request.state == "accepted":
                raise UserError(_("Quote Request: a quote of %s was accepted; cancel the "
                                  "course instead.") % request.name)
            for quote in request.quote_ids.filtered(lambda q: q.state in ("requested",
                                                                          "answered")):
                quote.state = "declined"
                quote._qnetz_tell_provider(_(
                    "The request \"%s\" was withdrawn; thank you for your time.")
                    % request.name)
            request.state = "cancelled"
        return True

    @api.multi
    def _qnetz_accept(self, quote):
        """Create the course from the accepted quote and tell all providers."""
        self.ensure_one()
        if self.state != "sent":
            raise UserError(_("Quote Request: only a request sent to providers can be "
                              "decided."))
        if quote.quote_request_id != self or quote.state != "answered":
            raise UserError(_("Quote: only an answered quote of this request can be "
                              "accepted."))
        needs = self.need_ids.filtered(lambda n: n.state == "qualified" and not n.course_id)
        wizard_values = {
            "name": self.name,
            "area": self.area,
            "provider_id": quote.provider_id.id,
            "fee_model": "total",
            "fee_amount": quote.price,
            "provider_fee": quote.price,
            "date_begin": fields.Datetime.to_string(
                fields.Datetime.from_string(quote.date_begin + " 07:00:00")),
            "date_end": fields.Datetime.to_string(
                fields.Datetime.from_string(quote.date_end + " 15:00:00")),
            "course_count": 1,
            "session_count": 0,
            "module_id": self.module_id.id,
        }
        if needs:
            wizard_values["need_ids"] = [(6, 0, needs.ids)]
        Wizard = self.env["qnetz.bundle.wizard"].with_context(
            active_model=False, active_ids=[])
        wizard = Wizard.create(wizard_values)
        action = wizard.action_create_courses() if needs else None
        course = self.env["event.event"].browse(action["res_id"]) if action and \
            action.get("res_id") else self.env["event.event"].create(
                wizard._course_values(self.name))
        course.message_post(body=html_text(_("Course created from the quote of %s: %s, %s.") % (
            quote.provider_id.display_name, quote.time_pattern or "-", quote.venue or "-")))
        quote.state = "accepted"
        quote._qnetz_tell_provider(_(
            "Your quote for \"%s\" was accepted. The course is planned from %s to %s; "
            "the coordinator will be in touch.") % (
                self.name, self._qnetz_format_date(quote.date_begin),
                self._qnetz_format_date(quote.date_end)))
        for other in self.quote_ids - quote:
            if other.state in ("requested", "answered"):
                other.state = "declined"
                other._qnetz_tell_provider(_(
                    "Thank you for your quote for \"%s\". This time we chose another "
                    "offer.") % self.name)
        self.write({"state": "accepted", "course_id": course.id})
        return course
