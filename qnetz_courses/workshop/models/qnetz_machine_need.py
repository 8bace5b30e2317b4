from odoo import fields, models


class QnetzMachineNeed(models.Model):
    """What a practical module needs at the same time, e.g. 6 places at CNC lathes."""

    _name = "qnetz.machine.need"
    _description = "Machine Places a Module Needs"
    _order = "module_id, id"

    module_id = fields.Many2one("qnetz.course.module", required=True, index=True,
                                ondelete="cascade")
    type_id = fields.Many2one("qnetz.machine.type", string="Machine Type", required=True,
                              ondelete="restrict")
    places = fields.Integer(required=True, default=1)
    features = fields.Char(help="What the machines should have, e.g. PAL controls "
                                "(for the planner's information).")

    _sql_constraints = [
        ("places_positive", "CHECK(places > 0)", "Places: at least one place is needed."),
        ("type_uniq", "unique(module_id, type_id)",
         "Machine Type: the module names this type once."),
    ]
