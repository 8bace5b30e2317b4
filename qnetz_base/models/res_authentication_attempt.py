from datetime import datetime, timedelta

from odoo import _, api, models
from odoo.http import request
from odoo.tools import DEFAULT_SERVER_DATETIME_FORMAT

# How long login attempts (an address and a login each) are kept; a parameter overrides it.
ATTEMPT_RETENTION_DAYS = 30

# Public look-ups that answer whether a secret fits (the certificate check) are throttled
# like logins: this many failures from one address within the window, then no answer
# until the window has passed or the coordinator lifts the ban. Parameters override both.
LOOKUP_FAILURE_LIMIT = 10
LOOKUP_WINDOW_MINUTES = 60


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

    @api.model
    def _qnetz_client_address(self):
        """The address of the HTTP client of this call (behind nginx: the one proxy_mode
        takes from X-Forwarded-For), or None outside a request (shell, cron, tests)."""
        if request and getattr(request, "httprequest", None) is not None:
            return request.httprequest.remote_addr or None
        return None

    @api.model
    def _qnetz_lookup_throttled(self, lookup):
        """Whether the client of this request has failed `lookup` too often of late.

        A success does not reset the count (unlike a login): whoever holds one valid
        certificate could otherwise interleave it to guess the codes of others.
        """
        remote = self._qnetz_client_address()
        if not remote or remote in self._whitelist_remotes():
            return False
        get_param = self.env["ir.config_parameter"].sudo().get_param
        limit = int(get_param("qnetz_base.lookup_failure_limit", LOOKUP_FAILURE_LIMIT))
        minutes = int(get_param("qnetz_base.lookup_window_minutes", LOOKUP_WINDOW_MINUTES))
        since = (datetime.utcnow() - timedelta(minutes=minutes)).strftime(
            DEFAULT_SERVER_DATETIME_FORMAT)
        failures = self.sudo().search_count([
            ("remote", "=", remote), ("login", "=", lookup),
            ("result", "!=", "successful"), ("create_date", ">=", since)])
        return failures >= limit

    @api.model
    def _qnetz_lookup_failed(self, lookup):
        """Log a failed `lookup` of the client in the login log, where the coordinator
        sees it and lifts a ban (action_qnetz_unban) as for a login."""
        remote = self._qnetz_client_address()
        if remote:
            self.sudo().create({"login": lookup, "remote": remote, "result": "failed"})

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
