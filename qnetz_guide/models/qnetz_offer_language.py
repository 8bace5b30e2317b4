from odoo import fields, models


class QnetzOfferLanguage(models.Model):
    """A language in which an offer is given. Not res.lang: the offers are held in
    languages (Arabic, Tigrinya, Dari, ...) that are no interface languages of Odoo."""

    _name = "qnetz.offer.language"
    _description = "Language of Support Offers"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="ISO 639-1 code where there is one, used in the guide's filter URLs.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a language must be unique."),
    ]
