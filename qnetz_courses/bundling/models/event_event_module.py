from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    module_id = fields.Many2one(
        "qnetz.course.module", string="Course Module", index=True, ondelete="restrict",
        help="The catalogue module the course teaches; its description is the course "
             "page's.")
    quote_request_ids = fields.One2many(
        "qnetz.quote.request", "course_id", string="Quote Requests")
