from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    web_reported = fields.Boolean(
        string="Reported via Website", readonly=True, copy=False,
        help="Created by the public 'Bedarf melden' form. The form only ever reuses "
             "partners carrying this flag, so an anonymous visitor can never attach "
             "a need to a company or person the coordinator registered.")
