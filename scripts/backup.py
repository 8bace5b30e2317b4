"""Backs up one qnetz database with its filestore into a single archive.

    python scripts/backup.py CONFIG DBNAME [--dir backups]

The archive (DBNAME-YYYYmmdd-HHMMSS.tar.gz) holds `dump.pgc` (pg_dump's custom
format, restorable table by table with pg_restore), `filestore/` (the attachments
Odoo keeps outside the database) and `manifest.json`. It is written under a
temporary name and renamed at the end, so a file with the final name is complete.
The server may keep running: pg_dump reads one consistent snapshot.
"""
import argparse
import datetime
import io
import json
import os
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dbtools  # noqa: E402


def backup(config, dbname, directory):
    conf = dbtools.read_config(config)
    if not dbtools.database_exists(conf, dbname):
        raise SystemExit("error: there is no database %s to back up." % dbname)
    os.makedirs(directory, exist_ok=True)
    stamp = datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")
    target = os.path.join(directory, "%s-%s.tar.gz" % (dbname, stamp))
    with tempfile.TemporaryDirectory(dir=directory) as work:
        dump = os.path.join(work, "dump.pgc")
        # --no-owner: the restore may run as another role, on another server.
        # The counts that the restore drill compares come from the very snapshot that
        # pg_dump reads: this transaction exports it and stays open until the dump ends.
        conn = dbtools.connect(conf, dbname)
        try:
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with conn.cursor() as cr:
                cr.execute("SELECT pg_export_snapshot()")
                snapshot = cr.fetchone()[0]
                counts = dbtools.counts(conf, dbname, cr)
            dbtools.run(["pg_dump", "--format=custom", "--no-owner", "--snapshot", snapshot,
                         "--file", dump, dbname], conf)
        finally:
            conn.close()
        manifest = {
            "database": dbname,
            "created_utc": stamp,
            "format": "pg_dump custom + filestore",
            "counts": counts,
        }
        partial = target + ".partial"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname="dump.pgc")
            store = dbtools.filestore(conf, dbname)
            if os.path.isdir(store):
                tar.add(store, arcname="filestore")
            info = tarfile.TarInfo("manifest.json")
            data = json.dumps(manifest, indent=2).encode()
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        os.rename(partial, target)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("dbname")
    parser.add_argument("--dir", default=os.environ.get("BACKUP_DIR", "backups"))
    args = parser.parse_args()
    print(backup(args.config, args.dbname, args.dir))


if __name__ == "__main__":
    main()
