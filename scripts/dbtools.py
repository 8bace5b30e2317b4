"""Reading the generated Odoo configuration without starting Odoo, for the
backup and restore scripts (they run beside a live server and must stay light)."""
import configparser
import os
import shutil
import subprocess

import psycopg2


def read_config(path):
    parser = configparser.ConfigParser(interpolation=None)
    if not parser.read(path):
        raise SystemExit("error: no Odoo configuration at %s; run `make run` or `make prod` "
                         "first." % path)
    return dict(parser["options"])


def pg_env(conf):
    """The environment for pg_dump/pg_restore: libpq reads these, so no password
    ever appears on a command line (and so in `ps`)."""
    env = dict(os.environ)
    env.update({
        "PGHOST": conf.get("db_host") or "localhost",
        "PGPORT": str(conf.get("db_port") or 5432),
        "PGUSER": conf.get("db_user") or "qnetz",
    })
    if conf.get("db_password") and conf["db_password"] != "False":
        env["PGPASSWORD"] = conf["db_password"]
    return env


def connect(conf, dbname):
    env = pg_env(conf)
    return psycopg2.connect(dbname=dbname, host=env["PGHOST"], port=env["PGPORT"],
                            user=env["PGUSER"], password=env.get("PGPASSWORD"))


def database_exists(conf, dbname):
    conn = connect(conf, "postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
            return bool(cr.fetchone())
    finally:
        conn.close()


def filestore(conf, dbname):
    return os.path.join(conf["data_dir"], "filestore", dbname)


def end_sessions(cr, *dbnames):
    """Ends our own role's client sessions on `dbnames`, before a DROP or RENAME.

    Only client backends of the current role: the set-up's role is no superuser, and
    PostgreSQL refuses it the signal to any process without a role, such as an autovacuum
    worker busy on the database ("must be a superuser to terminate superuser process");
    DROP and RENAME DATABASE cancel autovacuum workers themselves."""
    cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
               "WHERE datname IN %s AND pid <> pg_backend_pid() "
               "AND backend_type = 'client backend' AND usename = current_user",
               (tuple(dbnames),))


def drop_database(conf, dbname):
    """Drops a database (its connections ended first) and its filestore."""
    conn = connect(conf, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            end_sessions(cr, dbname)
            cr.execute('DROP DATABASE IF EXISTS "%s"' % dbname)
    finally:
        conn.close()
    shutil.rmtree(filestore(conf, dbname), ignore_errors=True)


def run(cmd, conf):
    subprocess.run(cmd, env=pg_env(conf), check=True)


# What a restored copy must hold as many of as the original: the network's records, and
# the attachments whose files come from the filestore.
COUNTED = {
    "needs": "qnetz_need",
    "courses": "event_event",
    "registrations": "event_registration",
    "invoices": "account_invoice",
    "attachments": "ir_attachment",
}


def counts(conf, dbname, cr=None):
    """{label: number of rows} of COUNTED in `dbname` (on the cursor `cr` if given)."""
    if cr is not None:
        result = {}
        for label, table in COUNTED.items():
            cr.execute("SELECT count(*) FROM %s" % table)
            result[label] = cr.fetchone()[0]
        return result
    conn = connect(conf, dbname)
    try:
        with conn.cursor() as own:
            return counts(conf, dbname, own)
    finally:
        conn.close()
