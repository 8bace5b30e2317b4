from odoo import fields, models


class QnetzOccupation(models.Model):
    """A recognised training occupation (Ausbildungsberuf)."""

    _name = "qnetz.occupation"
    _description = "Training Occupation"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    field_of_work = fields.Selection(
        [("metal", "Metal and mechanics"),
         ("electrical", "Electrical engineering"),
         ("wood", "Wood and construction"),
         ("automotive", "Automotive"),
         ("logistics", "Logistics"),
         ("gastronomy", "Hospitality and food"),
         ("care", "Health and care"),
         ("commercial", "Commercial"),
         ("other", "Other")],
        default="other", required=True)
    duration_years = fields.Float(string="Training Duration (years)", default=3.0)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "This training occupation already exists."),
    ]
