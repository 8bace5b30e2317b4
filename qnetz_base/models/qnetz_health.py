import datetime
import hmac
import json
import os
import shutil
import time

from odoo import api, fields, models, tools

# Past these a monitor should wake someone: a cron job overdue (the cron worker stalled),
# a mail waiting to go out (no relay, or the relay refuses), too little disk left.
CRON_OVERDUE = datetime.timedelta(minutes=30)
MAIL_WAITING = datetime.timedelta(minutes=30)
DISK_MIN_FREE_BYTES = 1024 ** 3
DISK_MIN_FREE_SHARE = 0.05
# The nightly backup (scripts/offsite_backup.py) and the weekly drill: older than these,
# the schedule has stopped.
BACKUP_MAX_AGE = datetime.timedelta(hours=26)
DRILL_MAX_AGE = datetime.timedelta(days=8)


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
            "backup": self._qnetz_check_backup(now),
        }
        ok = all(check["ok"] for check in checks.values())
        expected = tools.config.get("qnetz_health_token") or ""
        if expected and token and hmac.compare_digest(str(token).encode("utf-8"),
                                                      expected.encode("utf-8")):
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

    @api.model
    def _qnetz_check_backup(self, now):
        """The outcome offsite_backup.py records beside the configuration, where the
        production profile has backups (qnetz_backup_repository); none elsewhere."""
        if not tools.config.get("qnetz_backup_repository") or not tools.config.rcfile:
            return {"ok": True, "configured": False}
        path = os.path.join(os.path.dirname(os.path.abspath(tools.config.rcfile)),
                            "backup-status.json")
        status = {}
        if os.path.exists(path):
            with open(path) as state:
                status = json.load(state)
        # a profile set up less than a day ago has not had its first night yet
        password = tools.config.get("qnetz_backup_password_file") or ""
        fresh = os.path.exists(password) and \
            time.time() - os.path.getmtime(password) < BACKUP_MAX_AGE.total_seconds()
        result = {"ok": True, "configured": True}
        for what, max_age in (("backup", BACKUP_MAX_AGE), ("drill", DRILL_MAX_AGE)):
            outcome = status.get(what)
            if not outcome:
                result[what] = "none yet"
                result["ok"] = result["ok"] and fresh
                continue
            age = now - datetime.datetime.strptime(outcome["at_utc"], "%Y-%m-%d %H:%M:%S")
            result[what] = {"ok": bool(outcome.get("ok")),
                            "hours_ago": int(age.total_seconds() // 3600)}
            result["ok"] = result["ok"] and bool(outcome.get("ok")) and age <= max_age
        return result


def _minutes(now, then):
    if not then:
        return 0
    if isinstance(then, str):
        then = fields.Datetime.from_string(then)
    return int((now - then).total_seconds() // 60)
