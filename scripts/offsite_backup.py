"""Encrypted backups off the machine (restic), and the drill that proves they restore.

    python scripts/offsite_backup.py CONFIG DBNAME backup   # archive, encrypt, send, prune
    python scripts/offsite_backup.py CONFIG DBNAME drill    # restore the latest, compare

The archive is scripts/backup.py's (database dump, filestore, manifest with counts). restic
encrypts it (AES-256) before it leaves the machine and keeps it in the repository the
operator chose: a path (a mounted disk, NFS) or a remote (`sftp:user@host:/srv/qnetz`,
`rest:https://...`, `s3:...`; see restic's documentation for their credentials).
Retention after each backup: 7 daily, 4 weekly, 12 monthly snapshots.

The drill takes the latest snapshot out of the repository, restores it into the scratch
database DBNAME_drill, compares its counts with those the backup recorded, drops the
scratch copy again and checks the repository's integrity; it exits non-zero on any
difference. Both record their outcome in `backup-status.json` beside CONFIG.

Settings in CONFIG (the production profile writes them, scripts/write_prod_config.py):
  qnetz_backup_repository      restic's repository
  qnetz_backup_password_file   its password: without it no backup can be read, so a copy
                               belongs off the machine (a password manager, a safe)
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backup as backup_script  # noqa: E402
import dbtools  # noqa: E402
import restore as restore_script  # noqa: E402

KEEP = ("--keep-daily", "7", "--keep-weekly", "4", "--keep-monthly", "12")
# restic groups snapshots by host and path for the retention: both stay the same from one
# machine to its successor.
HOST = "qnetz"


def restic_env(conf):
    repository = conf.get("qnetz_backup_repository")
    password_file = conf.get("qnetz_backup_password_file")
    if not repository or not password_file:
        raise SystemExit("error: the configuration names no backup repository or password "
                         "file (qnetz_backup_repository, qnetz_backup_password_file); "
                         "set BACKUP_REPOSITORY and run `make prod-config`.")
    if not os.path.exists(password_file):
        raise SystemExit("error: the backup password file %s is missing." % password_file)
    env = dict(os.environ, RESTIC_REPOSITORY=repository, RESTIC_PASSWORD_FILE=password_file)
    return env


def restic(conf, *args, **kwargs):
    return subprocess.run(["restic", "--quiet"] + list(args), env=restic_env(conf),
                          check=True, **kwargs)


def ensure_repository(conf):
    probe = subprocess.run(["restic", "cat", "config"], env=restic_env(conf),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if probe.returncode != 0:
        restic(conf, "init")


def record(config, what, outcome):
    path = os.path.join(os.path.dirname(os.path.abspath(config)), "backup-status.json")
    status = {}
    if os.path.exists(path):
        with open(path) as state:
            status = json.load(state)
    status[what] = dict(outcome, at_utc=datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S"))
    with open(path + ".partial", "w") as state:
        json.dump(status, state, indent=2)
    os.replace(path + ".partial", path)


def backup(config, dbname):
    conf = dbtools.read_config(config)
    ensure_repository(conf)
    with tempfile.TemporaryDirectory() as work:
        archive = backup_script.backup(config, dbname, work)
        with open(archive, "rb") as data:
            restic(conf, "backup", "--host", HOST, "--tag", dbname, "--stdin",
                   "--stdin-filename", "%s.tar.gz" % dbname, stdin=data)
        size = os.path.getsize(archive)
    restic(conf, "forget", "--host", HOST, "--tag", dbname, "--prune", *KEEP,
           stdout=subprocess.DEVNULL)
    record(config, "backup", {"ok": True, "database": dbname, "bytes": size})
    print("Backed up %s (%d bytes) into %s." % (dbname, size, conf["qnetz_backup_repository"]))


def drill(config, dbname):
    conf = dbtools.read_config(config)
    scratch = "%s_drill" % dbname
    with tempfile.TemporaryDirectory() as work:
        archive = os.path.join(work, "%s.tar.gz" % dbname)
        with open(archive, "wb") as out:
            restic(conf, "dump", "--host", HOST, "--tag", dbname, "latest",
                   "/%s.tar.gz" % dbname, stdout=out)
        with tarfile.open(archive, "r:gz") as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
        dbtools.drop_database(conf, scratch)
        try:
            restore_script.restore(config, archive, scratch)
            restored = dbtools.counts(conf, scratch)
        finally:
            dbtools.drop_database(conf, scratch)
    expected = manifest.get("counts") or {}
    differences = {label: (expected.get(label), restored.get(label))
                   for label in set(expected) | set(restored)
                   if expected.get(label) != restored.get(label)}
    restic(conf, "check", stdout=subprocess.DEVNULL)
    ok = bool(expected) and not differences
    record(config, "drill", {"ok": ok, "database": dbname, "backup_utc": manifest["created_utc"],
                             "counts": restored, "differences": differences})
    print("Restore drill of %s (backup of %s UTC): %s" % (
        dbname, manifest["created_utc"], "counts match" if ok else "DIFFERENCES"))
    for label in sorted(restored):
        print("  %-14s backup %6s  restored %6s" % (label, expected.get(label), restored[label]))
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("dbname")
    parser.add_argument("action", choices=("backup", "drill"))
    args = parser.parse_args()
    try:
        if args.action == "backup":
            backup(args.config, args.dbname)
            return 0
        return drill(args.config, args.dbname)
    except (Exception, SystemExit) as error:
        # the monitor (/qnetz/health's details) and the next person to look learn of it
        record(args.config, args.action, {"ok": False, "database": args.dbname,
                                          "error": str(error)[:500]})
        raise


if __name__ == "__main__":
    sys.exit(main())
