from datetime import datetime, timedelta

from odoo import api, fields, models

# How long a link from a mail lets its holder set the password of an account. A reset is
# asked for by the user, who reads the mail at once: one day, as Odoo does. An invitation
# reaches a company's office and may wait for the person who looks after training: a week
# (one working week plus the weekend); then the coordinator sends a new one. Without a
# limit, an invitation link in an old mail (or in the mail queue) opened the account for
# ever.
SIGNUP_VALIDITY = {
    "reset": timedelta(days=1),
    "signup": timedelta(days=7),
}


def signup_expiration(signup_type):
    validity = SIGNUP_VALIDITY.get(signup_type, SIGNUP_VALIDITY["signup"])
    return fields.Datetime.to_string(datetime.now() + validity)


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def signup_prepare(self, signup_type="signup", expiration=False):
        if expiration:
            return super(ResPartner, self).signup_prepare(signup_type, expiration=expiration)
        # Odoo makes the invitation of a new user as a "reset" link without an expiry
        kind = "signup" if self.env.context.get("create_user") else signup_type
        for partner in self:
            # a valid link that already expires is kept: it may be in a mail on its way
            if partner.sudo().signup_valid and partner.sudo().signup_expiration:
                continue
            super(ResPartner, partner).signup_prepare(
                signup_type, expiration=signup_expiration(kind))
        return True

    @api.model
    def signup_retrieve_info(self, token):
        # Odoo showed the form of an expired link (and refused only what was typed in it)
        self._signup_retrieve_partner(token, check_validity=True, raise_exception=True)
        return super(ResPartner, self).signup_retrieve_info(token)

    @api.model
    def _qnetz_expire_open_signup_links(self):
        """Links made before links expired get an expiry from now (on install/update).
        Odoo made only invitations without an expiry."""
        partners = self.sudo().with_context(active_test=False).search([
            ("signup_token", "!=", False), ("signup_expiration", "=", False)])
        for partner in partners:
            partner.signup_expiration = signup_expiration("signup")
        return len(partners)
