"""Benchmark of the public pages against Odoo's own /event: queries, throughput, latency.

    .venv/bin/python qnetz_guide/benchmarks/bench_public_pages.py \
        --config .odoo/test-qnetz_t29.conf --source qnetz_t29 \
        [--port 8570] [--clients 10] [--seconds 4] [--rounds 3] [--profiles threaded,prefork]

Prints figures; it is no timed test. It copies the source database (a demo database as
`make test` or scripts/init_db.py prepare it) to <source>_bench, so the source stays as
it is, then

1. fills the copy up to 50 and then 500 upcoming network courses (each with sessions and
   a module text) and counts the SQL queries of one request of each page, rendered
   (cache miss) and served from the visitors' cache, in this process;
2. starts Odoo on the copy, on loopback only, once per profile: "threaded" (the
   `make run` server) and "prefork" (the production profile's worker processes), and
   fetches every page with N connections of visitors who are not logged in, each page
   alone for S seconds, in R interleaved rounds, so every page meets the same load on
   the shared machine; prints requests per second, p50 and p95, errors, the share of
   answers from the page cache and each page's throughput ratio to /event; and the
   machine's load average before and after, since the machine may be shared.

The load client is a small asyncio HTTP/1.1 client (one connection per request, as
Odoo's servers close them), so that its own CPU time stays far below the server's.
"""
import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api, fields  # noqa: E402
from init_db import drop_database  # noqa: E402
from bench_guide import copy_database  # noqa: E402

FILTERED_SEARCH = "/wegweiser?search=Ausbildung&topic=language"
CACHE_HEADER = "x-qnetz-cache"


def pages(course_id):
    return [
        ("/event", "/event"),
        ("/", "/"),
        ("/wegweiser", "/wegweiser"),
        ("/wegweiser/kurse", "/wegweiser/kurse"),
        ("course page", "/wegweiser/kurse/%d" % course_id),
        ("filtered search", FILTERED_SEARCH),
    ]


def configure(dbname, base_url):
    """The site's address is the benchmark server's: pages for other hosts are not cached."""
    with api.Environment.manage(), odoo.registry(dbname).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("web.base.url", base_url)
        env["ir.config_parameter"].set_param("web.base.url.freeze", "True")


def fill_courses(dbname, total):
    """Confirmed upcoming network courses with three sessions and a module each."""
    with api.Environment.manage(), odoo.registry(dbname).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {
            "tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True})
        Event = env["event.event"]
        present = Event.search_count(Event._qnetz_catalogue_domain())
        districts = env["qnetz.district"].search([])
        occupations = env["qnetz.occupation"].search([], limit=20)
        modules = env["qnetz.course.module"].search([], limit=20)
        start = fields.Datetime.from_string(fields.Datetime.now()).replace(
            hour=7, minute=0, second=0)
        for index in range(present, total):
            # sessions on days of their own: two courses at one place never overlap
            day = start + timedelta(days=30 + 3 * index)
            sessions = [(0, 0, {
                "name": "Termin %d" % (number + 1),
                "date_begin": fields.Datetime.to_string(day + timedelta(days=number)),
                "date_end": fields.Datetime.to_string(day + timedelta(days=number, hours=4)),
            }) for number in range(3)]
            Event.create({
                "name": "Benchmarkkurs %d" % index, "is_qnetz_course": True,
                "area": ("general", "theory", "practice", "language")[index % 4],
                "state": "confirm", "date_tz": "Europe/Berlin",
                "date_begin": sessions[0][2]["date_begin"],
                "date_end": sessions[-1][2]["date_end"],
                "seats_availability": "limited", "seats_max": 8 + index % 5,
                "fee_amount": 100.0 + index % 7 * 25, "funding_share": 50.0,
                "district_id": districts[index % len(districts)].id if districts else False,
                "occupation_id": occupations[index % len(occupations)].id
                if occupations else False,
                "module_id": modules[index % len(modules)].id if modules else False,
                "session_ids": sessions,
            })
        cr.commit()
        return Event.search_count(Event._qnetz_catalogue_domain())


def first_course(dbname):
    with api.Environment.manage(), odoo.registry(dbname).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["event.event"]._qnetz_catalogue_courses(limit=1).id


def count_queries(dbname, base_url, urls):
    """{label: (queries when rendered, queries from the cache, status)} in this process."""
    from werkzeug.test import Client
    from werkzeug.wrappers import BaseResponse
    from odoo.addons.qnetz_guide import page_cache
    odoo.tools.config["dbfilter"] = "^%s$" % dbname
    odoo.tools.config["list_db"] = True
    client = Client(odoo.http.root, BaseResponse)
    headers = {"Accept-Language": "de-DE"}
    counts = {}
    with api.Environment.manage():
        for _label, url in urls:
            client.get(url, base_url=base_url, headers=headers)  # warm-up
        for label, url in urls:
            page_cache.clear()
            before = odoo.sql_db.sql_counter
            response = client.get(url, base_url=base_url, headers=headers)
            rendered = odoo.sql_db.sql_counter - before
            before = odoo.sql_db.sql_counter
            cached = client.get(url, base_url=base_url, headers=headers)
            counts[label] = (rendered, odoo.sql_db.sql_counter - before,
                             response.status_code, cached.headers.get(CACHE_HEADER, "-"))
    return counts


def start_server(config, dbname, port, workers):
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "odoo"), "-c", config, "-d", dbname,
           "--db-filter=^%s$" % dbname, "--http-port=%d" % port, "--http-interface=127.0.0.1",
           "--workers=%d" % workers, "--max-cron-threads=0", "--log-level=warn",
           "--limit-time-real=120", "--log-handler=odoo.modules.graph:CRITICAL"]
    if workers:
        cmd.append("--longpolling-port=%d" % (port + 1))
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            status, _headers, _latency = asyncio.get_event_loop().run_until_complete(
                fetch("127.0.0.1", port, "/wegweiser", {}))
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("the Odoo server did not come up on port %d" % port)


async def fetch(host, port, path, cookies, timeout=60):
    """One GET; returns (status, headers, seconds)."""
    start = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        cookie = "; ".join("%s=%s" % item for item in cookies.items())
        writer.write(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nAccept-Language: de-DE\r\n"
                      "%sConnection: close\r\n\r\n"
                      % (path, host, port, "Cookie: %s\r\n" % cookie if cookie else "")
                      ).encode("ascii"))
        data = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    elapsed = time.perf_counter() - start
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {}
    for line in head[1:]:
        name, _sep, value = line.partition(":")
        name = name.strip().lower()
        if name == "set-cookie":
            key, _eq, rest = value.strip().partition("=")
            cookies[key] = rest.split(";", 1)[0]
        headers[name] = value.strip()
    return status, headers, elapsed


async def hammer(port, path, clients, seconds, max_requests=20000):
    """`clients` connections fetch `path` for `seconds` (and at most max_requests)."""
    latencies, errors, hits = [], [], [0]
    stop = time.perf_counter() + seconds

    async def client(cookies):
        while time.perf_counter() < stop and len(latencies) + len(errors) < max_requests:
            try:
                status, headers, elapsed = await fetch("127.0.0.1", port, path, cookies)
            except (OSError, asyncio.TimeoutError, ValueError, IndexError) as error:
                errors.append(type(error).__name__)
                continue
            if status == 200:
                latencies.append(elapsed)
                hits[0] += headers.get(CACHE_HEADER) == "hit"
            else:
                errors.append(status)

    # every visitor keeps the session cookie of their first answer, as a browser does
    sessions = [{} for _n in range(clients)]
    for cookies in sessions:
        await fetch("127.0.0.1", port, path, cookies)
    begin = time.perf_counter()
    await asyncio.gather(*(client(cookies) for cookies in sessions))
    return latencies, errors, hits[0], time.perf_counter() - begin


def measure(port, urls, clients, seconds, rounds):
    loop = asyncio.get_event_loop()
    results = {label: {"latencies": [], "errors": [], "hits": 0, "time": 0.0}
               for label, _url in urls}
    for _label, url in urls:  # warm-up: templates, assets, every worker's cache
        loop.run_until_complete(hammer(port, url, clients, 1.0))
    for _round in range(rounds):
        for label, url in urls:
            latencies, errors, hits, spent = loop.run_until_complete(
                hammer(port, url, clients, seconds))
            result = results[label]
            result["latencies"] += latencies
            result["errors"] += errors
            result["hits"] += hits
            result["time"] += spent
    return results


def report(results, urls):
    event = len(results["/event"]["latencies"]) / results["/event"]["time"]
    print("   %-18s %10s %9s %9s %7s %10s %14s" % (
        "page", "requests/s", "p50 (ms)", "p95 (ms)", "errors", "from cache",
        "ratio to /event"))
    for label, _url in urls:
        result = results[label]
        latencies = sorted(result["latencies"])
        rps = len(latencies) / result["time"] if result["time"] else 0.0
        p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
        p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else float("nan")
        share = "%d%%" % round(100.0 * result["hits"] / len(latencies)) if latencies else "-"
        print("   %-18s %10.1f %9.1f %9.1f %7d %10s %14.2f" % (
            label, rps, p50, p95, len(result["errors"]), share, rps / event if event else 0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--source", required=True, help="a demo database to copy")
    parser.add_argument("--port", type=int, default=8570,
                        help="threaded server's port; prefork uses port+1 and port+2")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=4.0, help="per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4, help="prefork workers")
    parser.add_argument("--profiles", default="threaded,prefork")
    parser.add_argument("--courses", default="50,500",
                        help="course counts of the query count (the load runs on the last)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn",
                                    "--log-handler=odoo.modules.graph:CRITICAL"])
    bench_db = args.source + "_bench"
    print("Copying %s to %s ..." % (args.source, bench_db))
    copy_database(args.source, bench_db)
    try:
        totals = [int(total) for total in args.courses.split(",")]
        base_url = "http://127.0.0.1:%d" % args.port
        configure(bench_db, base_url)
        print("\n1. SQL queries of one request (same process, warm caches)")
        counts = {}
        for total in totals:
            present = fill_courses(bench_db, total)
            urls = pages(first_course(bench_db))
            counts[present] = count_queries(bench_db, base_url, urls)
        print("   %-18s %s %s" % ("page", " ".join(
            "%8d courses" % total for total in counts), "  from cache"))
        last = list(counts)[-1]
        for label, _url in urls:
            print("   %-18s %s %12s" % (label, " ".join(
                "%16d" % counts[total][label][0] for total in counts),
                counts[last][label][1] if counts[last][label][3] == "hit" else "-"))
            for total in counts:
                if counts[total][label][2] != 200:
                    print("   (HTTP %s for %s with %d courses)"
                          % (counts[total][label][2], label, total))
        odoo.sql_db.close_all()

        ports = {"threaded": (args.port, 0), "prefork": (args.port + 1, args.workers)}
        for profile in args.profiles.split(","):
            port, workers = ports[profile]
            if port != args.port:
                configure(bench_db, "http://127.0.0.1:%d" % port)
                odoo.sql_db.close_all()
            print("\n2. %s server (%s), %d connections, %d rounds of %.0f s per page, "
                  "%d courses; load average before: %s"
                  % (profile, "%d workers" % workers if workers else "threads", args.clients,
                     args.rounds, args.seconds, last,
                     " ".join("%.1f" % value for value in os.getloadavg())))
            server = start_server(args.config, bench_db, port, workers)
            try:
                results = measure(port, urls, args.clients, args.seconds, args.rounds)
            finally:
                server.terminate()
                server.wait(30)
            report(results, urls)
            print("   load average after: %s (%d cores)" % (
                " ".join("%.1f" % value for value in os.getloadavg()), os.cpu_count()))
    finally:
        odoo.sql_db.close_all()
        if not args.keep:
            drop_database(bench_db)


if __name__ == "__main__":
    main()
