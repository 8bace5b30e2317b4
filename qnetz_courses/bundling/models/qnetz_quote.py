from odoo import api, fields, models

from odoo.addons.qnetz_base.tools import html_text

QUOTE_STATES = [
    ("requested", "Requested"),
    ("answered", "Answered"),
    ("accepted", "Accepted"),
    ("declined", "Not Chosen"),
]


class QnetzQuote(models.Model):
    """One provider's answer to a quote request: price, dates, venue and trainer.

    Providers answer in the portal (qnetz_portal's qnetz_portal_answer_quote); the
    coordinator compares the answers side by side and accepts one."""

    _name = "qnetz.quote"
    _description = "Provider Quote"
    _inherit = ["mail.thread"]
    _order = "quote_request_id desc, price, id"
    _rec_name = "provider_id"

    quote_request_id = fields.Many2one(
        "qnetz.quote.request", string="Quote Request", required=True, ondelete="cascade",
        index=True)
    provider_id = fields.Many2one(
        "res.partner", string="Provider", required=True, ondelete="restrict", index=True)
    module_id = fields.Many2one(related="quote_request_id.module_id", readonly=True,
                                store=True)
    deadline = fields.Date(related="quote_request_id.deadline", readonly=True)
    participant_count = fields.Integer(related="quote_request_id.participant_count",
                                       readonly=True)
    state = fields.Selection(QUOTE_STATES, default="requested", required=True,
                             readonly=True, string="Status", track_visibility="onchange")
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", readonly=True)
    price = fields.Monetary(string="Price for the Course", track_visibility="onchange")
    price_per_participant = fields.Monetary(compute="_compute_price_per_participant")
    date_begin = fields.Date(string="First Day")
    date_end = fields.Date(string="Last Day")
    time_pattern = fields.Char(string="Dates or Rhythm",
                               help="e.g. Tuesdays and Thursdays 16-19 h, or block weeks.")
    venue = fields.Char()
    trainer = fields.Char()
    remarks = fields.Text()
    answered_date = fields.Datetime(string="Answered on", readonly=True)
    company_id = fields.Many2one(related="quote_request_id.company_id", readonly=True,
                                 store=True)

    _sql_constraints = [
        ("provider_once", "unique(quote_request_id, provider_id)",
         "A provider is asked once per quote request."),
        ("price_positive", "CHECK(price >= 0)", "A price cannot be negative."),
    ]

    @api.depends("price", "quote_request_id.participant_count")
    def _compute_price_per_participant(self):
        for quote in self:
            count = quote.quote_request_id.participant_count
            quote.price_per_participant = quote.price / count if count else 0.0

    def _qnetz_tell_provider(self, text):
        """A message of plain `text` to the provider by mail (its e-mail address), kept in
        the chatter."""
        body = html_text(text)
        for quote in self:
            quote.message_post(
                body=body, partner_ids=quote.provider_id.ids, message_type="comment",
                subtype="mail.mt_comment")

    @api.multi
    def action_accept(self):
        self.ensure_one()
        course = self.quote_request_id._qnetz_accept(self)
        action = self.env.ref("qnetz_courses.qnetz_course_action").read()[0]
        form = self.env.ref("qnetz_courses.qnetz_course_view_form")
        action.update({"res_id": course.id, "view_mode": "form",
                       "views": [(form.id, "form")]})
        return action
