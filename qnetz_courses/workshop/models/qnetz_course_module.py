from odoo import fields, models


class QnetzCourseModule(models.Model):
    _inherit = "qnetz.course.module"

    machine_need_ids = fields.One2many(
        "qnetz.machine.need", "module_id", string="Machine Places Needed",
        groups="qnetz_base.group_qnetz_user",
        help="A practical module is planned only where and when these places are free.")
