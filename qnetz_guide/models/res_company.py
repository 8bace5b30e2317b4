from odoo import api, fields, models

# What the Impressum (§ 5 DDG, § 18 Abs. 2 MStV) and the privacy notice (Art. 13 DSGVO)
# name, in the order of the pages: the company's address and contact fields, and what only
# the operator knows. A fact left empty shows as a marked placeholder on the page and is
# named on the coordinator's form (legal_missing). The VAT id and the phone number are printed
# only when there is one: an association without a VAT id leaves the paragraph out, and the
# e-mail address is the quick electronic contact the law asks for.
LEGAL_FIELDS = (
    "street", "zip", "city", "email", "company_registry", "legal_representatives",
    "content_responsible", "dispute_resolution_confirmed", "data_protection_officer",
    "server_log_retention", "provider_contact_sharing", "need_retention",
    "privacy_reviewed_date",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    legal_representatives = fields.Char(
        "Represented By",
        help="The members of the board who represent the association (§ 26 BGB), by name.")
    content_responsible = fields.Char(
        "Responsible for the Content",
        help="Name and address of the person responsible for the website's content "
             "(§ 18 Abs. 2 MStV).")
    dispute_resolution_confirmed = fields.Boolean(
        "No Consumer Dispute Resolution",
        help="The board has confirmed that the association does not take part in dispute "
             "resolution before a consumer arbitration board (§ 36 VSBG).")
    data_protection_officer = fields.Char(
        help="Name and contact of the data protection officer; if none is appointed, say "
             "so (Art. 37 DSGVO, § 38 BDSG).")
    server_log_retention = fields.Char(
        help="How long the web server keeps its logs, e.g. 14 days.")
    provider_contact_sharing = fields.Char(
        "Contact Data for Providers",
        help="Whether, and which, contact data of a reported need go to education providers.")
    need_retention = fields.Char(
        "Retention after a Need is Done",
        help="How long the personal data of a need are kept once it is done, e.g. 12 months.")
    privacy_reviewed_date = fields.Date("Privacy Notice Reviewed On")
    legal_missing = fields.Char(
        "Missing for Impressum and Privacy Notice", compute="_compute_legal_missing")

    @api.depends(*LEGAL_FIELDS)
    def _compute_legal_missing(self):
        labels = self.fields_get(list(LEGAL_FIELDS), ["string"])
        for company in self:
            company.legal_missing = ", ".join(
                labels[name]["string"] for name in LEGAL_FIELDS if not company[name])
