"""Restores an archive of scripts/backup.py into a NEW database.

    python scripts/restore.py CONFIG ARCHIVE DBNAME

Refuses to overwrite an existing database or filestore: restoring is for
recovering into a fresh name, which is then checked and switched to (or renamed).
"""
import argparse
import os
import re
import shutil
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dbtools  # noqa: E402


def _safe_members(tar):
    for member in tar.getmembers():
        path = os.path.normpath(member.name)
        if path.startswith("..") or os.path.isabs(path) or member.issym() or member.islnk():
            raise SystemExit("error: the archive holds an unsafe path: %s" % member.name)
        yield member


def restore(config, archive, dbname):
    if not re.match(r"^[A-Za-z0-9_.-]+$", dbname):
        raise SystemExit("error: %r is not a database name (letters, digits, _ . - only)." % dbname)
    conf = dbtools.read_config(config)
    if dbtools.database_exists(conf, dbname):
        raise SystemExit("error: database %s exists; restore into a new name." % dbname)
    store = dbtools.filestore(conf, dbname)
    if os.path.exists(store):
        raise SystemExit("error: a filestore for %s exists at %s; remove it or pick another name."
                         % (dbname, store))
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, members=_safe_members(tar))
        conn = dbtools.connect(conf, "postgres")
        conn.autocommit = True
        with conn.cursor() as cr:
            # template0: the dump brings its own extensions and encoding-dependent data.
            cr.execute("CREATE DATABASE \"%s\" ENCODING 'UTF8' TEMPLATE template0" % dbname)
        conn.close()
        try:
            dbtools.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", dbname,
                         os.path.join(work, "dump.pgc")], conf)
        except Exception:
            conn = dbtools.connect(conf, "postgres")
            conn.autocommit = True
            with conn.cursor() as cr:
                cr.execute('DROP DATABASE IF EXISTS "%s"' % dbname)
            conn.close()
            raise
        source = os.path.join(work, "filestore")
        os.makedirs(os.path.dirname(store), exist_ok=True)
        if os.path.isdir(source):
            shutil.copytree(source, store)
        else:
            os.makedirs(store)
    return dbname


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("archive")
    parser.add_argument("dbname")
    args = parser.parse_args()
    restore(args.config, args.archive, args.dbname)
    print("Restored %s into database %s." % (args.archive, args.dbname))


if __name__ == "__main__":
    main()
