"""Updates the production database safely: backup first, update, health check, and back
to the backup if anything fails.

    python scripts/prod_update.py CONFIG DBNAME PIDFILE [--modules a,b] [--dir backups]

1. an archive of the database and its filestore (scripts/backup.py) into --dir;
2. the server stops, the addons are updated (scripts/init_db.py), the server starts;
3. the health check: the login page and the home page answer 200 and /qnetz/health
   (with the configuration's token) finds the database working;
4. on any failure: the server stops, the failed database is renamed DBNAME_failed_<time>
   (kept to find out what went wrong; its filestore moves along), the archive is restored
   under DBNAME, the server starts again on it, and the script exits 1.
The code stays as pulled: to run the previous release too, check it out and
`make prod-start` (the revision deployed last is in deployed-revision beside CONFIG).
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backup as backup_script  # noqa: E402
import dbtools  # noqa: E402
import restore as restore_script  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class UpdateFailed(Exception):
    pass


def server(action, config, pidfile):
    if subprocess.call([os.path.join(HERE, "prod_server.sh"), action, config, pidfile]) != 0:
        raise UpdateFailed("the server did not %s" % action)


def answer(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:
        return None, str(error).encode()


def health_check(conf):
    base = "http://127.0.0.1:%s" % conf["http_port"]
    for path in ("/web/login", "/"):
        status, _ = answer(base + path)
        if status != 200:
            raise UpdateFailed("%s answered %s" % (path, status))
    status, body = answer(base + "/qnetz/health",
                          {"X-Health-Token": conf.get("qnetz_health_token", "")})
    try:
        database_ok = json.loads(body.decode())["checks"]["database"]["ok"]
    except (ValueError, KeyError, TypeError):
        raise UpdateFailed("/qnetz/health answered %s: %s" % (status, body[:200]))
    if not database_ok:
        raise UpdateFailed("/qnetz/health: the database check failed")


def git_revision():
    try:
        return subprocess.check_output(["git", "-C", ROOT, "rev-parse", "HEAD"],
                                       stderr=subprocess.DEVNULL).decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def set_aside(conf, dbname):
    """Renames the failed database (and its filestore) out of the way; returns the name."""
    failed = "%s_failed_%s" % (dbname, datetime.datetime.utcnow().strftime("%Y%m%d%H%M%S"))
    conn = dbtools.connect(conf, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            dbtools.end_sessions(cr, dbname)
            cr.execute('ALTER DATABASE "%s" RENAME TO "%s"' % (dbname, failed))
    finally:
        conn.close()
    if os.path.isdir(dbtools.filestore(conf, dbname)):
        shutil.move(dbtools.filestore(conf, dbname), dbtools.filestore(conf, failed))
    return failed


def update(config, dbname, pidfile, modules, directory):
    conf = dbtools.read_config(config)
    archive = backup_script.backup(config, dbname, directory)
    print("Backup before the update: %s" % archive)
    try:
        server("stop", config, pidfile)
        if subprocess.call([sys.executable, os.path.join(HERE, "init_db.py"), config, dbname,
                            "--without-demo", "--modules", modules]) != 0:
            raise UpdateFailed("updating the addons failed")
        server("start", config, pidfile)
        health_check(conf)
    except UpdateFailed as failure:
        print("error: %s. Rolling back to %s ..." % (failure, archive), file=sys.stderr)
        server("stop", config, pidfile)
        failed = set_aside(conf, dbname)
        restore_script.restore(config, archive, dbname)
        server("start", config, pidfile)
        health_check(conf)
        print("Rolled back: %s runs on the backup of before the update again; the failed "
              "database is kept as %s (drop it when it has told what went wrong)."
              % (dbname, failed), file=sys.stderr)
        return 1
    revision = git_revision()
    if revision:
        with open(os.path.join(os.path.dirname(os.path.abspath(config)),
                               "deployed-revision"), "w") as out:
            out.write(revision + "\n")
    print("Updated %s; the health check passed." % dbname)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("dbname")
    parser.add_argument("pidfile")
    parser.add_argument("--modules", default="qnetz_base,qnetz_courses,qnetz_guide,qnetz_portal")
    parser.add_argument("--dir", default=os.environ.get("BACKUP_DIR", "backups"))
    args = parser.parse_args()
    return update(args.config, args.dbname, args.pidfile, args.modules, args.dir)


if __name__ == "__main__":
    sys.exit(main())
