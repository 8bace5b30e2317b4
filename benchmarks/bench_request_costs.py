"""What one request of each load-tested page costs the server: SQL queries and CPU time.

    .venv/bin/python benchmarks/bench_request_costs.py --config .odoo/test-qnetz_x.conf \
        --db qnetz_x [--rounds 20] [--base https://localhost] [--profile /wegweiser]
        [--repeats 3]

Prints figures; it is no timed test. It runs Odoo's WSGI application in this process
(no server, no network, no TLS, one request at a time) on a demo database, for the pages
of benchmarks/bench_prod_load.py: the public pages as a visitor who keeps their session
cookie, the portal journey as the demo company betrieb. For each page: the SQL queries
of one request (and the statements that repeat within it), the CPU time of one request
(median over --rounds), and for the pages the visitors' cache keeps (qnetz_guide's
page_cache) the same figures for a render (cache emptied before each request) and for
an answer from the cache. The load test's throughput on a machine is bounded by the sum
of these CPU times, plus nginx's, PostgreSQL's and the load generator's.

`--base` is the address the requests claim to come to (through nginx: X-Forwarded-Host
and -Proto); the page cache serves only the site's configured address (web.base.url or
the website's domain), so give that. `--profile PAGE` prints cProfile's top functions
of --rounds requests of that page. The database is only read (a session's login writes
its date).
"""
import argparse
import collections
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_prod_load import PORTAL, PUBLIC  # noqa: E402

NUMBER = re.compile(r"\b\d+\b")
STRING = re.compile(r"'(?:[^']|'')*'")


def statement_shape(query):
    text = query.decode() if isinstance(query, bytes) else str(query)
    return STRING.sub("'?'", NUMBER.sub("?", " ".join(text.split())))[:160]


class Statements(object):
    """Counts the statements that Odoo's cursors execute in this process."""

    def __init__(self):
        import odoo.sql_db
        self.shapes = collections.Counter()
        self.count = 0
        original = odoo.sql_db.Cursor.execute
        recorder = self

        def execute(cursor, query, params=None, log_exceptions=None):
            recorder.count += 1
            recorder.shapes[statement_shape(query)] += 1
            if log_exceptions is None:
                return original(cursor, query, params)
            return original(cursor, query, params, log_exceptions)
        odoo.sql_db.Cursor.execute = execute

    def reset(self):
        self.count = 0
        self.shapes.clear()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--base", default=None,
                        help="the site's address (default: the database's web.base.url)")
    parser.add_argument("--profile", default=None, help="a page name or path to profile")
    parser.add_argument("--repeats", type=int, default=3,
                        help="list the statements that run at least this often in a request")
    args = parser.parse_args()

    import odoo
    from odoo.tools import config
    config.parse_config(["-c", args.config, "-d", args.db, "--log-level", "warn"])
    config["proxy_mode"] = True
    config["dbfilter"] = "^%s$" % re.escape(args.db)
    config["list_db"] = False
    odoo.service.server.load_server_wide_modules()
    registry = odoo.registry(args.db)
    if not args.base:
        with registry.cursor() as cr:
            cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'web.base.url'")
            args.base = cr.fetchone()[0]
    site = urlparse(args.base)
    from werkzeug.test import Client
    from werkzeug.wrappers import BaseResponse
    from odoo.service.wsgi_server import application
    statements = Statements()
    try:
        from odoo.addons.qnetz_guide import page_cache
    except ImportError:
        page_cache = None
    headers = [("X-Forwarded-Host", site.netloc), ("X-Forwarded-Proto", site.scheme),
               ("X-Forwarded-For", "127.0.0.1"), ("Accept-Language", "de-DE,de;q=0.9"),
               ("Accept-Encoding", "identity")]

    def new_client(login=None):
        client = Client(application, BaseResponse)
        client.get("/", headers=headers)  # the session cookie, as a browser keeps it
        if login:
            reply = client.post("/web/session/authenticate", headers=headers + [
                ("Content-Type", "application/json")], data=(
                '{"jsonrpc": "2.0", "method": "call", "params": {"db": "%s", "login": "%s",'
                ' "password": "%s"}}' % (args.db, login, login)))
            if b'"uid": ' not in reply.data or b'"uid": false' in reply.data:
                raise SystemExit("error: %s could not log in (a demo database is needed)"
                                 % login)
        return client

    visitor, company = new_client(), new_client("betrieb")
    need = re.search(rb'href="(/my/needs/\d+)"', company.get("/my/needs", headers=headers).data)
    portal = [(name, path or (need.group(1).decode() if need else "/my/needs"))
              for name, path in PORTAL]

    def one(client, path, empty_cache):
        if empty_cache and page_cache:
            page_cache.clear()
        statements.reset()
        cpu, wall = time.process_time(), time.time()
        reply = client.get(path, headers=headers)
        cpu, wall = time.process_time() - cpu, time.time() - wall
        if reply.status_code != 200:
            raise SystemExit("error: %s answered %s" % (path, reply.status_code))
        return cpu, wall, statements.count, reply.headers.get("X-Qnetz-Cache", "-"), \
            dict(statements.shapes)

    def measure(client, path, empty_cache):
        for _warm in range(3):
            one(client, path, empty_cache)
        runs = [one(client, path, empty_cache) for _round in range(args.rounds)]
        return {
            "cpu": statistics.median(run[0] for run in runs) * 1000,
            "wall": statistics.median(run[1] for run in runs) * 1000,
            "queries": statistics.median(run[2] for run in runs),
            "cache": "/".join(sorted(set(run[3] for run in runs))),
            "shapes": runs[-1][4],
        }

    if args.profile:
        client = company if args.profile.startswith("/my") else visitor
        path = dict(PUBLIC + portal).get(args.profile, args.profile)
        one(client, path, False)
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _round in range(args.rounds):
            one(client, path, False)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())
        return 0

    print("%d requests of each page, one at a time, in this process (database %s, site %s)"
          % (args.rounds, args.db, args.base))
    print("%-26s %-7s %8s %8s %8s" % ("page", "cache", "queries", "cpu ms", "wall ms"))
    totals = collections.defaultdict(float)
    repeated = []
    for group, client, pages in (("public", visitor, PUBLIC), ("portal", company, portal)):
        for name, path in pages:
            served = measure(client, path, False)
            rows = [("served", served)]
            if served["cache"] == "hit":
                rows.append(("render", measure(client, path, True)))
            for label, figures in rows:
                print("%-26s %-7s %8d %8.1f %8.1f" % (
                    name if label == "served" else "  (rendered)",
                    figures["cache"], figures["queries"], figures["cpu"], figures["wall"]))
                repeated += [(name + (" rendered" if label == "render" else ""), count, shape)
                             for shape, count in figures["shapes"].items()
                             if count >= args.repeats]
            totals[group] += served["cpu"]
    print("CPU of one round of the journey: public pages %.0f ms (%.1f ms a page), portal "
          "%.0f ms (%.1f ms a page)" % (
              totals["public"], totals["public"] / len(PUBLIC),
              totals["portal"], totals["portal"] / len(portal)))
    if repeated:
        print("\nstatements run %d times or more in one request:" % args.repeats)
        for name, count, shape in repeated:
            print("  %-22s %3dx %s" % (name, count, shape))
    return 0


if __name__ == "__main__":
    sys.exit(main())
