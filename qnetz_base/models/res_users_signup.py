import logging

from odoo import api, models
from odoo.exceptions import UserError

from .res_partner_signup import signup_expiration

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _qnetz_send_reset_link(self, login, remote_addr=None):
        """Mail a reset link to the user with this login, or else to the one user with
        this e-mail address; nothing for anyone else. Whoever asks learns nothing of
        which logins exist, so no error leaves this method."""
        login = (login or "").strip()
        if not login:
            return False
        user = self.search([("login", "=", login)], limit=1)
        if not user:
            user = self.search([("email", "=ilike", login)])
            if len(user) != 1:
                user = self.browse()
        _logger.info("Password reset link asked for <%s> from %s: %s", login, remote_addr,
                     "sent" if user else "no such user")
        if not user:
            return False
        try:
            user._validate_pass_reset()
        except UserError as error:
            _logger.warning("Password reset link for user %s not sent: %s", user.id, error)
            return False
        # Odoo's action_reset_password sends with raise_exception: a mail server that
        # does not answer made "Passwort vergessen?" a server error. The mail goes out at
        # once where it can, and otherwise waits in the queue.
        user.partner_id.signup_prepare(signup_type="reset",
                                       expiration=signup_expiration("reset"))
        template = self.env.ref("auth_signup.reset_password_email")
        template.with_context(lang=user.lang).send_mail(user.id, force_send=True)
        return True
