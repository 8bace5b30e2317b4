from odoo import fields, models


class QnetzMachineType(models.Model):
    """A kind of machine or practice place (CNC lathe, MAG welding booth, ...): what a
    practical module asks for and what a workshop offers."""

    _name = "qnetz.machine.type"
    _description = "Machine Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code, e.g. CNC-TURN.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Machine Type: the code is already used."),
    ]
