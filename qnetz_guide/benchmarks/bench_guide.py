"""Benchmark of the public Wegweiser: SQL queries per page and latency under load.

    .venv/bin/python qnetz_guide/benchmarks/bench_guide.py \
        [--config .odoo/test-qnetz_t_guide.conf] [--source qnetz_t_guide] \
        [--clients 20] [--seconds 20]

Prints figures; it is no timed test. It copies the source database (prepared by
`make test TEST_DB=qnetz_t_guide ADDONS=qnetz_base,qnetz_courses,qnetz_guide`) to
<source>_bench, so the test database stays as it is, then

1. fills the copy up to 50 and then 500 published offers and counts the SQL queries
   of one /wegweiser request (also with a search and filters), in this process;
2. starts an Odoo server on the copy (2 workers, a free loopback port) and lets N
   concurrent clients fetch /wegweiser and Odoo's own /event, interleaved, for S
   seconds, and prints median and p95 latency side by side with their ratio (and
   the median of one client alone, the pages' own cost on a quiet server);
3. measures throughput (requests per second) of the home page /, of /wegweiser and
   of /event, each page alone for short slices taken in turns, so that all three
   meet the same load on the machine, and prints each one's ratio to /event.
   Visitors are not logged in, as the pages' public cache assumes.
"""
import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT)
# the database helpers of the set-up, so the benchmark connects and drops as it does
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402
import dbtools  # noqa: E402
from init_db import connect, drop_database  # noqa: E402

GUIDE_URLS = [
    "/wegweiser",
    "/wegweiser?topic=language&region=hoexter",
    "/wegweiser?search=Ausbildung&target=refugees",
    "/wegweiser/page/3",
]


def copy_database(source, target):
    conn = connect("postgres")
    conn.autocommit = True
    with conn.cursor() as cr:
        dbtools.end_sessions(cr, source, target)
        cr.execute('DROP DATABASE IF EXISTS "%s"' % target)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (target, source))
    conn.close()


def fill_offers(dbname, total):
    """Publish copies of the demo offers until `total` offers are visible."""
    registry = odoo.registry(dbname)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        Offer = env["qnetz.offer"]
        visible = Offer.search_count(Offer._qnetz_visible_domain())
        templates = Offer.search(Offer._qnetz_visible_domain())
        groups = env["qnetz.offer.target.group"].search([])
        topics = env["qnetz.offer.topic"].search([])
        languages = env["qnetz.offer.language"].search([])
        rnd = random.Random(42)
        for index in range(visible, total):
            template = templates[index % len(templates)]
            template.copy({
                "name": "%s (%d)" % (template.name, index),
                "website_published": True,
                "region": rnd.choice(["hoexter", "holzminden", "both"]),
                "cost": rnd.choice(["free", "free", "fee"]),
                "target_group_ids": [(6, 0, rnd.sample(groups.ids, rnd.randint(1, 3)))],
                "topic_ids": [(6, 0, rnd.sample(topics.ids, rnd.randint(1, 2)))],
                "language_ids": [(6, 0, rnd.sample(languages.ids, rnd.randint(1, 2)))],
            })
        cr.commit()
        return Offer.search_count(Offer._qnetz_visible_domain())


def trim_offers(dbname, total):
    """Unpublish offers until only `total` are visible."""
    registry = odoo.registry(dbname)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Offer = env["qnetz.offer"]
        offers = Offer.search(Offer._qnetz_visible_domain(), order="id desc")
        offers[:max(len(offers) - total, 0)].write({"website_published": False})
        cr.commit()
        return Offer.search_count(Offer._qnetz_visible_domain())


def count_queries(dbname, urls):
    """Queries of one request per URL, served in this process (after a warm-up):
    {url: (queries when rendered, status, queries when served from the page cache)}."""
    from odoo.addons.qnetz_guide import page_cache
    from werkzeug.test import Client
    from werkzeug.wrappers import BaseResponse
    odoo.tools.config["dbfilter"] = "^%s$" % dbname
    # db_monodb lists the databases to apply the filter; only in this process.
    odoo.tools.config["list_db"] = True
    client = Client(odoo.http.root, BaseResponse)
    # the page cache serves the site's configured address only
    with api.Environment.manage(), odoo.registry(dbname).cursor() as cr:
        base_url = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].get_param(
            "web.base.url")
    counts = {}
    with api.Environment.manage():
        for url in urls:
            # warm-up: compile the templates and assets, fill the registry caches
            client.get(url, base_url=base_url, headers={"Accept-Language": "de-DE"})
        for url in urls:
            page_cache.clear()
            before = odoo.sql_db.sql_counter
            response = client.get(url, base_url=base_url, headers={"Accept-Language": "de-DE"})
            rendered = odoo.sql_db.sql_counter - before
            before = odoo.sql_db.sql_counter
            client.get(url, base_url=base_url, headers={"Accept-Language": "de-DE"})
            counts[url] = (rendered, response.status_code, odoo.sql_db.sql_counter - before)
    return counts


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(config, dbname, port):
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "odoo"), "-c", config, "-d", dbname,
           "--db-filter=^%s$" % dbname, "--http-port=%d" % port, "--http-interface=127.0.0.1",
           "--workers=2", "--max-cron-threads=0", "--log-level=warn",
           "--limit-time-real=120", "--log-handler=odoo.modules.graph:CRITICAL"]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if requests.get("http://127.0.0.1:%d/wegweiser" % port, timeout=10).ok:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("the Odoo server did not come up on port %d" % port)


def load(base, urls, clients, seconds):
    """N threads fetch the (tag, url) pairs in turn for `seconds`.

    Guide and /event requests are interleaved in every client, so both pages meet
    the same load on the machine (other processes included) at the same time.
    Returns {tag: latencies} and the errors."""
    latencies, errors = {}, []
    lock = threading.Lock()
    stop = time.time() + seconds

    def worker(number):
        session = requests.Session()
        session.headers["Accept-Language"] = "de-DE"
        index = number
        while time.time() < stop:
            tag, url = urls[index % len(urls)]
            index += 1
            start = time.perf_counter()
            try:
                response = session.get(base + url, timeout=60)
                elapsed = time.perf_counter() - start
                with lock:
                    if response.status_code == 200:
                        latencies.setdefault(tag, []).append(elapsed)
                    else:
                        errors.append((tag, response.status_code))
            except requests.RequestException as error:
                with lock:
                    errors.append((tag, type(error).__name__))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


THROUGHPUT_PAGES = {
    "home": ["/"],
    "wegweiser": GUIDE_URLS,
    "event": ["/event"],
}
THROUGHPUT_LABELS = {"home": "/", "wegweiser": "/wegweiser (4 URLs)", "event": "/event"}


def compare_throughput(base, clients, seconds, slices=4):
    """Requests per second of each page group, each alone for `slices` slices."""
    done = {tag: 0 for tag in THROUGHPUT_PAGES}
    spent = {tag: 0.0 for tag in THROUGHPUT_PAGES}
    for _slice in range(slices):
        for tag, urls in THROUGHPUT_PAGES.items():
            start = time.perf_counter()
            latencies, _errors = load(base, [(tag, url) for url in urls], clients,
                                      seconds / slices)
            spent[tag] += time.perf_counter() - start
            done[tag] += len(latencies.get(tag, []))
    return {tag: done[tag] / spent[tag] for tag in THROUGHPUT_PAGES}


def sequential(base, urls, rounds):
    """One client, one request at a time: the server's own time per page."""
    session = requests.Session()
    session.headers["Accept-Language"] = "de-DE"
    latencies = {}
    for _round in range(rounds):
        for tag, url in urls:
            start = time.perf_counter()
            session.get(base + url, timeout=60)
            latencies.setdefault(tag, []).append(time.perf_counter() - start)
    return latencies


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default=os.path.join(ROOT, ".odoo", "test-qnetz_t_guide.conf"))
    parser.add_argument("--source", default="qnetz_t_guide")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of the load")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn",
                                    "--log-handler=odoo.modules.graph:CRITICAL"])
    bench_db = args.source + "_bench"
    print("Copying %s to %s ..." % (args.source, bench_db))
    copy_database(args.source, bench_db)
    try:
        print("\n1. SQL queries of one request (same process, caches warm)")
        results = {}
        for total in (50, 500):
            visible = fill_offers(bench_db, total)
            if visible > total:
                visible = trim_offers(bench_db, total)
            results[total] = count_queries(bench_db, ["/"] + GUIDE_URLS + ["/event"])
            print("   %d published offers" % visible)
        print("   %-48s %10s %10s %12s" % ("URL", "50 offers", "500 offers", "from cache"))
        for url in ["/"] + GUIDE_URLS + ["/event"]:
            print("   %-48s %10d %10d %12s" % (url, results[50][url][0], results[500][url][0],
                                               results[500][url][2] if url != "/event" else "-"))
            for total in (50, 500):
                if results[total][url][1] != 200:
                    print("   (HTTP %s for %s with %d offers)"
                          % (results[total][url][1], url, total))
        odoo.sql_db.close_all()

        print("\n2. Latency: one client, then %d concurrent clients for %.0f s; guide and "
              "/event requests interleaved; loopback, Odoo with 2 workers, %d published offers"
              % (args.clients, args.seconds, visible))
        port = free_port()
        server = start_server(args.config, bench_db, port)
        try:
            base = "http://127.0.0.1:%d" % port
            # Each guide URL alternates with /event: as many /event requests as guide ones.
            mixed = []
            for url in GUIDE_URLS:
                mixed += [("guide", url), ("event", "/event")]
            load(base, mixed, 4, 3)  # warm up every worker
            quiet = sequential(base, mixed, 10)
            loaded, errors = load(base, mixed, args.clients, args.seconds)
            throughput = compare_throughput(base, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(30)

        def row(label, values, scale=1000.0):
            guide, event = values
            ratio = "%.2f" % (guide / event) if event else "-"
            print("   %-34s %12.1f %12.1f %16s" % (label, guide * scale, event * scale, ratio))

        print("   %-34s %12s %12s %16s" % ("", "/wegweiser", "/event", "wegweiser/event"))
        row("one client: median (ms)",
            (statistics.median(quiet["guide"]), statistics.median(quiet["event"])))
        row("%d clients: requests" % args.clients,
            (len(loaded.get("guide", [])), len(loaded.get("event", []))), 1)
        row("%d clients: median (ms)" % args.clients,
            (statistics.median(loaded["guide"]), statistics.median(loaded["event"])))
        row("%d clients: p95 (ms)" % args.clients,
            (p95(loaded["guide"]), p95(loaded["event"])))
        print("   errors: %d %s" % (len(errors), sorted(set(map(str, errors)))[:5]))

        print("\n3. Throughput, %d clients, each page alone in turns (%.0f s per page)"
              % (args.clients, args.seconds))
        print("   %-20s %14s %16s" % ("page", "requests/s", "ratio to /event"))
        event_rps = throughput["event"]
        for tag in ("home", "wegweiser", "event"):
            ratio = throughput[tag] / event_rps if event_rps else 0
            print("   %-20s %14.1f %16.2f" % (THROUGHPUT_LABELS[tag], throughput[tag], ratio))
    finally:
        odoo.sql_db.close_all()
        if not args.keep:
            drop_database(bench_db)


if __name__ == "__main__":
    main()
