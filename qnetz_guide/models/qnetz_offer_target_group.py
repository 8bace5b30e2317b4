from odoo import fields, models


class QnetzOfferTargetGroup(models.Model):
    """Who an offer is meant for; a facet of the public guide."""

    _name = "qnetz.offer.target.group"
    _description = "Target Group of Support Offers"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short technical key used in the guide's shareable filter URLs, e.g. 'companies'.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a target group must be unique."),
    ]
