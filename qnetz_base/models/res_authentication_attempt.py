from datetime import datetime, timedelta

from odoo import _, api, models
from odoo.tools import DEFAULT_SERVER_DATETIME_FORMAT

# How long login attempts (an address and a login each) are kept; a parameter overrides it.
ATTEMPT_RETENTION_DAYS = 30


class ResAuthenticationAttempt(models.Model):
    """auth_brute_force's log of logins, with what the network adds: the coordinator lifts
    a ban, a daily job forgets old attempts, and no address leaves the server."""

    _inherit = "res.authentication.attempt"

    @api.multi
    @api.depends("remote")
    def _compute_metadata(self):
        # auth_brute_force asks a public geolocation service about each address it shows;
        # sending people's addresses to a third party needs a legal basis the network
        # does not have (and these servers reach no such service).
        for attempt in self:
            attempt.remote_metadata = _("Not looked up: addresses are not sent to third "
                                        "parties.")

    @api.model
    def _trusted(self, remote, login):
        # auth_brute_force counts the attempts as the user who logs in; the log is closed
        # to everyone but the coordination group (security/qnetz_security.xml), so count
        # as superuser, or nobody but a coordinator would ever be banned.
        return super(ResAuthenticationAttempt, self.sudo())._trusted(remote, login)

    @api.multi
    def action_qnetz_unban(self):
        """Lift the bans behind the chosen attempts: the failures of the same address (and
        login) stop counting, as after a successful login."""
        pairs = {(attempt.remote, attempt.login) for attempt in self}
        for remote, login in pairs:
            self.sudo().search([("remote", "=", remote), ("login", "=", login),
                                ("result", "!=", "successful")]).unlink()
            # a ban of the whole address counts the failures of every login from it
            self.sudo().search([("remote", "=", remote), ("result", "=", "banned")]).unlink()
        return True

    @api.model
    def _cron_qnetz_purge(self):
        days = int(self.env["ir.config_parameter"].sudo().get_param(
            "qnetz_base.login_attempt_retention_days", ATTEMPT_RETENTION_DAYS))
        limit = (datetime.utcnow() - timedelta(days=days)).strftime(
            DEFAULT_SERVER_DATETIME_FORMAT)
        old = self.sudo().search([("create_date", "<", limit)])
        count = len(old)
        old.unlink()
        return count
