from odoo import fields, models


class QnetzDistrict(models.Model):
    """A district of the network's region. The network spans two federal states,
    so each district names its state: that is how cross-state reach is counted."""

    _name = "qnetz.district"
    _description = "District"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code, e.g. HX or HOL.")
    sequence = fields.Integer(default=10)
    state_id = fields.Many2one(
        "res.country.state", string="Federal State", required=True, ondelete="restrict")
    place = fields.Selection(
        [("hoexter", "Höxter side"), ("holzminden", "Holzminden side")],
        string="Side of the Weser", required=True,
        help="Which side of the network a course or need in this district belongs to.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The district code must be unique."),
    ]
