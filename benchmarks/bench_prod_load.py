"""Load test of the production profile through nginx (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_prod_load.py [--base https://localhost] [--db qnetz_prod]
        [--clients 50] [--seconds 60] [--warmup 15] [--portal-share 0.2]
        [--ca .odoo/tls/localhost.crt]

N concurrent clients for S seconds. Most are visitors, each looping over the public pages
(home, Wegweiser, a search in it, the course catalogue, the need form, the certificate
check); the others (--portal-share) are training companies walking their portal journey
(/my, their needs, a need, their apprentices, the courses open to them). The companies
share one login of the demo user betrieb/betrieb, made before the clock starts: nginx's
rate limit on logins (10 a minute per address) would refuse fifty from one machine.
Prints requests per second, p50/p95 latency and errors per page and for the public pages
and the portal journey together.

Serve a demo database with the production profile, e.g. a restored copy (`make restore
FILE=... DB=qnetz_demo`, `make prod-config prod-start PROD_DB=qnetz_demo`). Bounded: only
loopback addresses are accepted as target, every client stops after --seconds, and every
request has a timeout.
"""
import argparse
import re
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

import requests

LOOPBACK = ("localhost", "127.0.0.1", "::1")

PUBLIC = [
    ("/", "/"),
    ("/wegweiser", "/wegweiser"),
    ("/wegweiser?search=", "/wegweiser?search=Ausbildung&topic=language"),
    ("/wegweiser/kurse", "/wegweiser/kurse"),
    ("/bedarf-melden", "/bedarf-melden"),
    ("/zertifikat/pruefen", "/zertifikat/pruefen"),
]
PORTAL = [
    ("/my", "/my"),
    ("/my/needs", "/my/needs"),
    ("/my/needs/<id>", None),  # the company's first need, found at start
    ("/my/apprentices", "/my/apprentices"),
    ("/my/courses", "/my/courses"),
]


def login(base, db, user, verify, timeout):
    session = requests.Session()
    # verify on each request: a session's own is overridden by REQUESTS_CA_BUNDLE
    reply = session.post(base + "/web/session/authenticate", timeout=timeout, verify=verify, json={
        "jsonrpc": "2.0", "method": "call", "params": {"db": db, "login": user, "password": user}})
    reply.raise_for_status()
    if not (reply.json().get("result") or {}).get("uid"):
        raise SystemExit("error: %s could not log in to %s (a demo database is needed)"
                         % (user, db))
    return session.cookies.get_dict()


def first_need(base, cookies, verify, timeout):
    page = requests.get(base + "/my/needs", cookies=cookies, verify=verify, timeout=timeout)
    match = re.search(r'href="(/my/needs/\d+)"', page.text)
    return match.group(1) if match else "/my/needs"


def client(journey, base, verify, cookies, timeout, barrier, deadline, results, lock, offset):
    session = requests.Session()
    if cookies:
        session.cookies.update(cookies)
    barrier.wait()
    turn = offset
    while time.time() < deadline[0]:
        name, path = journey[turn % len(journey)]
        turn += 1
        start = time.time()
        try:
            reply = session.get(base + path, timeout=timeout, verify=verify,
                                allow_redirects=False)
            ok, reason = reply.status_code == 200, "HTTP %s" % reply.status_code
            cached = reply.headers.get("X-Qnetz-Cache") == "hit"
        except requests.RequestException as error:
            ok, reason, cached = False, "%s: %s" % (type(error).__name__, error), False
        elapsed = time.time() - start
        with lock:
            results[name]["times"].append(elapsed)
            results[name]["cached"] += cached
            if not ok:
                results[name]["errors"] += 1
                results[name].setdefault("first_error", reason)


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def line(name, times, errors, wall):
    return "%-26s %8d %8.1f %8.0f %8.0f %7d" % (
        name, len(times), len(times) / wall, percentile(times, 0.5) * 1000,
        percentile(times, 0.95) * 1000, errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="https://localhost")
    parser.add_argument("--db", default="qnetz_prod")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--portal-share", type=float, default=0.2,
                        help="the share of clients that are logged-in companies")
    parser.add_argument("--ca", default=None,
                        help="the certificate to trust (the profile's self-signed one); "
                             "default: the system's authorities")
    parser.add_argument("--warmup", type=float, default=15,
                        help="seconds of the same load before the measured ones, not counted")
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds to wait for one answer before it counts as an error")
    args = parser.parse_args()
    host = urlparse(args.base).hostname
    if host not in LOOPBACK and not host.startswith("127."):
        raise SystemExit("error: only a server on this machine (loopback) may be load-tested.")
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 600:
        raise SystemExit("error: 1-200 clients for at most 600 seconds.")

    base = args.base.rstrip("/")
    verify = args.ca or True
    companies = int(round(args.clients * args.portal_share))
    cookies = login(base, args.db, "betrieb", verify, args.timeout) if companies else None
    portal = [(name, path or first_need(base, cookies, verify, args.timeout))
              for name, path in PORTAL]

    def run_phase(seconds):
        results = {name: {"times": [], "errors": 0, "cached": 0} for name, _ in PUBLIC + portal}
        lock = threading.Lock()
        deadline, started = [None], [None]

        def start_clock():
            started[0] = time.time()
            deadline[0] = started[0] + seconds

        barrier = threading.Barrier(args.clients + 1, action=start_clock, timeout=300)
        threads = []
        for index in range(args.clients):
            journey, jar = (portal, cookies) if index < companies else (PUBLIC, None)
            threads.append(threading.Thread(target=client, daemon=True, args=(
                journey, base, verify, jar, args.timeout, barrier, deadline, results, lock,
                index)))
        for thread in threads:
            thread.start()
        barrier.wait()
        for thread in threads:
            thread.join(seconds + args.timeout + 30)
        return results, time.time() - started[0]

    if args.warmup:
        # the prefork workers load the registry and the page caches fill on first use:
        # the figures are of a server that has run for a while
        run_phase(args.warmup)
    cpu = time.process_time()
    results, wall = run_phase(args.seconds)
    cpu = time.process_time() - cpu

    print("%d clients (%d visitors, %d companies in the portal), %.0f s against %s (database %s)"
          % (args.clients, args.clients - companies, companies, wall, base, args.db))
    print("%-26s %8s %8s %8s %8s %7s" % (
        "page", "requests", "req/s", "p50 ms", "p95 ms", "errors"))
    total_errors = 0
    for group, pages in (("public pages", PUBLIC), ("portal journey", portal)):
        times = [t for name, _ in pages for t in results[name]["times"]]
        errors = sum(results[name]["errors"] for name, _ in pages)
        total_errors += errors
        for name, _ in pages:
            print(line(name, results[name]["times"], results[name]["errors"], wall))
        print(line("= " + group, times, errors, wall))
    everything = [t for result in results.values() for t in result["times"]]
    print(line("= all", everything, total_errors, wall))
    for name, result in results.items():
        if result.get("first_error"):
            print("first error on %s: %s" % (name, result["first_error"][:300]))
    if everything:
        print("median of all: %.0f ms" % (statistics.median(everything) * 1000))
        public = sum(len(results[name]["times"]) for name, _ in PUBLIC)
        print("public pages from the visitors' page cache: %.0f%%" % (
            100.0 * sum(results[name]["cached"] for name, _ in PUBLIC) / max(public, 1)))
        # on the same machine the load generator takes CPU from the server it measures
        print("this load generator's CPU: %.1f s, %.0f%% of one core, %.1f ms a request"
              % (cpu, 100.0 * cpu / wall, 1000.0 * cpu / len(everything)))
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
