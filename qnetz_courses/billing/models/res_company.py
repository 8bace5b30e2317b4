from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # An invoice must carry the sender's tax number or VAT ID (§ 14 Abs. 4 Nr. 2 UStG);
    # an association often has only the tax number from its tax office.
    tax_number = fields.Char(
        help="The tax number given by the tax office (Steuernummer); printed in the footer "
             "of invoices and other documents.")
