from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    datev_consultant_number = fields.Integer(
        string="DATEV Consultant Number",
        help="The tax advisor's DATEV consultant number (Beraternummer, 1001-9999999).")
    datev_client_number = fields.Integer(
        string="DATEV Client Number",
        help="The network's client number at the tax advisor (Mandantennummer, 1-99999).")
    datev_account_length = fields.Integer(
        string="DATEV Account Length", default=4,
        help="Digits of a general ledger account in the tax advisor's books (4 for SKR03).")
