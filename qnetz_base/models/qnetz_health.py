import datetime
import hmac
import shutil

from odoo import api, fields, models, tools

# Past these a monitor should wake someone: a cron job overdue (the cron worker stalled),
# a mail waiting to go out (no relay, or the relay refuses), too little disk left.
CRON_OVERDUE = datetime.timedelta(minutes=30)
MAIL_WAITING = datetime.timedelta(minutes=30)
DISK_MIN_FREE_BYTES = 1024 ** 3
DISK_MIN_FREE_SHARE = 0.05


class QnetzHealth(models.AbstractModel):
    """What /qnetz/health reports to monitoring: the database answers, the cron worker
    runs its jobs, mail leaves, the disk has room. The public learns ok / not ok only;
    the details (counts and ages, no names or addresses) go to a monitor that sends the
    token of the server's configuration (`qnetz_health_token`)."""

    _name = "qnetz.health"
    _description = "Health of the server for monitoring"

    @api.model
    def _qnetz_report(self, token=None):
        """(ok, details): details only when `token` is the configured one, else None."""
        now = fields.Datetime.from_string(fields.Datetime.now())
        checks = {
            "database": self._qnetz_check_database(),
            "cron": self._qnetz_check_cron(now),
            "mail_queue": self._qnetz_check_mail_queue(now),
            "disk": self._qnetz_check_disk(),
        }
        ok = all(check["ok"] for check in checks.values())
        expected = tools.config.get("qnetz_health_token") or ""
        if expected and token and hmac.compare_digest(str(token), expected):
            return ok, {"status": "ok" if ok else "not ok", "checks": checks}
        return ok, None

    @api.model
    def _qnetz_check_database(self):
        self.env.cr.execute("SELECT 1")
        return {"ok": self.env.cr.fetchone() == (1,)}

    @api.model
    def _qnetz_check_cron(self, now):
        self.env.cr.execute("""
            SELECT count(*), min(nextcall) FROM ir_cron
            WHERE active AND numbercall != 0 AND nextcall < %s""",
                            (fields.Datetime.to_string(now - CRON_OVERDUE),))
        overdue, oldest = self.env.cr.fetchone()
        return {"ok": not overdue, "overdue_jobs": overdue,
                "most_overdue_minutes": _minutes(now, oldest)}

    @api.model
    def _qnetz_check_mail_queue(self, now):
        self.env.cr.execute("""
            SELECT count(*), min(create_date) FROM mail_mail
            WHERE state IN ('outgoing', 'exception')""")
        waiting, oldest = self.env.cr.fetchone()
        age = _minutes(now, oldest)
        return {"ok": not waiting or age < MAIL_WAITING.total_seconds() / 60,
                "waiting": waiting, "oldest_minutes": age}

    @api.model
    def _qnetz_check_disk(self):
        usage = shutil.disk_usage(tools.config["data_dir"])
        share = usage.free / usage.total if usage.total else 0.0
        return {"ok": usage.free >= DISK_MIN_FREE_BYTES and share >= DISK_MIN_FREE_SHARE,
                "free_gib": round(usage.free / 1024 ** 3, 1),
                "free_percent": round(100 * share, 1)}


def _minutes(now, then):
    if not then:
        return 0
    if isinstance(then, str):
        then = fields.Datetime.from_string(then)
    return int((now - then).total_seconds() // 60)
