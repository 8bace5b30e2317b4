from odoo import fields, models


class QnetzNeed(models.Model):
    _inherit = "qnetz.need"

    course_id = fields.Many2one(
        "event.event", string="Course", index=True, ondelete="set null", copy=False,
        domain=[("is_qnetz_course", "=", True)], track_visibility="onchange",
        help="The course this need was bundled into.")
