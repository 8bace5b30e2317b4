from odoo import _, api, models
from odoo.exceptions import ValidationError


class AccountBankingMandate(models.Model):
    _inherit = "account.banking.mandate"

    @api.constrains("state", "partner_bank_id", "format")
    def _check_sepa_iban(self):
        # Odoo's base_iban takes a number with wrong check digits as a plain account
        # number; a SEPA mandate in force needs a real IBAN, or the bank returns the debit
        for mandate in self:
            if mandate.format == "sepa" and mandate.state == "valid" \
                    and mandate.partner_bank_id.acc_type != "iban":
                raise ValidationError(_(
                    "Mandate %s: %s is not a valid IBAN (check the digits); a SEPA mandate "
                    "needs the payer's IBAN.") % (mandate.unique_mandate_reference,
                                                  mandate.partner_bank_id.acc_number))
