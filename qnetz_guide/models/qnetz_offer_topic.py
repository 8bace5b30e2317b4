from odoo import fields, models


class QnetzOfferTopic(models.Model):
    """What kind of help an offer gives; a facet of the public guide."""

    _name = "qnetz.offer.topic"
    _description = "Topic of Support Offers"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short technical key used in the guide's shareable filter URLs, e.g. 'language'.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a topic must be unique."),
    ]
