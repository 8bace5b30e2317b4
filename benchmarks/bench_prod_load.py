"""Load test of the production profile behind nginx (a benchmark, not a test).

    .venv/bin/python benchmarks/bench_prod_load.py [--base http://localhost] [--db qnetz_prod]
        [--clients 50] [--seconds 60]

N concurrent clients for S seconds, each looping over three pages:
  /wegweiser             public guide (anonymous)
  /my/needs              a training company's needs in the portal (login betrieb/betrieb)
  needs search_read      the coordinator's needs list over JSON-RPC (koordination/koordination)
The logins are the demo users: serve a demo database with the production profile, e.g.
a restored copy (`make restore FILE=... DB=qnetz_demo`, `make prod-config prod-start
PROD_DB=qnetz_demo`). Prints throughput, p50/p95 latency and errors per page.

Bounded: only loopback addresses are accepted as target, every client stops after
--seconds, and every request has a timeout.
"""
import argparse
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

import requests

LOOPBACK = ("localhost", "127.0.0.1", "::1")
# Seconds a client waits for one answer before counting it as an error (--timeout).
TIMEOUT = [30.0]


def login(base, db, user):
    session = requests.Session()
    reply = session.post(base + "/web/session/authenticate", timeout=TIMEOUT[0], json={
        "jsonrpc": "2.0", "method": "call", "params": {"db": db, "login": user, "password": user}})
    reply.raise_for_status()
    if not reply.json().get("result", {}).get("uid"):
        raise SystemExit("error: %s could not log in to %s (a demo database is needed)"
                         % (user, db))
    return session


def page_wegweiser(session, base):
    reply = session.get(base + "/wegweiser", timeout=TIMEOUT[0])
    return reply.status_code == 200


def page_my_needs(session, base):
    reply = session.get(base + "/my/needs", timeout=TIMEOUT[0], allow_redirects=False)
    return reply.status_code == 200


def page_needs_rpc(session, base):
    url = base + "/web/dataset/call_kw/qnetz.need/search_read"
    reply = session.post(url, timeout=TIMEOUT[0], json={
        "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": "qnetz.need", "method": "search_read", "args": [],
            "kwargs": {"domain": [], "fields": ["name", "partner_id", "topic", "state",
                                                "participant_count", "wanted_start"],
                       "limit": 80, "order": "id desc"}}})
    return reply.status_code == 200 and "result" in reply.json()


PAGES = [
    ("/wegweiser", None, page_wegweiser),
    ("/my/needs (betrieb)", "betrieb", page_my_needs),
    ("needs search_read (koordination)", "koordination", page_needs_rpc),
]


def client(index, base, db, barrier, deadline, results, lock):
    sessions = {}
    for _, user, _ in PAGES:
        if user and user not in sessions:
            sessions[user] = login(base, db, user)
    anonymous = requests.Session()
    # Logins happen before the clock starts: the figures are of the pages.
    barrier.wait()
    turn = index
    while time.time() < deadline[0]:
        name, user, call = PAGES[turn % len(PAGES)]
        turn += 1
        start = time.time()
        try:
            ok = call(sessions.get(user, anonymous), base)
            reason = "unexpected answer"
        except (requests.RequestException, ValueError) as error:
            ok, reason = False, "%s: %s" % (type(error).__name__, error)
        elapsed = time.time() - start
        with lock:
            results[name]["times"].append(elapsed)
            if not ok:
                results[name]["errors"] += 1
                results[name].setdefault("first_error", reason)


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://localhost")
    parser.add_argument("--db", default="qnetz_prod")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds to wait for one answer before it counts as an error")
    args = parser.parse_args()
    host = urlparse(args.base).hostname
    if host not in LOOPBACK and not host.startswith("127."):
        raise SystemExit("error: only a server on this machine (loopback) may be load-tested.")
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 600:
        raise SystemExit("error: 1-200 clients for at most 600 seconds.")

    TIMEOUT[0] = args.timeout
    base = args.base.rstrip("/")
    results = {name: {"times": [], "errors": 0} for name, _, _ in PAGES}
    lock = threading.Lock()
    deadline = [None]
    started = [None]

    def start_clock():
        started[0] = time.time()
        deadline[0] = started[0] + args.seconds

    barrier = threading.Barrier(args.clients + 1, action=start_clock, timeout=300)
    threads = [threading.Thread(target=client, daemon=True, args=(
        index, base, args.db, barrier, deadline, results, lock)) for index in range(args.clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    for thread in threads:
        thread.join(args.seconds + 60)
    wall = time.time() - started[0]

    print("%d clients, %.0f s against %s (database %s)" % (args.clients, wall, base, args.db))
    print("%-36s %8s %9s %9s %9s %7s" % ("page", "requests", "req/s", "p50 ms", "p95 ms", "errors"))
    total = errors = 0
    for name, _, _ in PAGES:
        times = results[name]["times"]
        total += len(times)
        errors += results[name]["errors"]
        print("%-36s %8d %9.1f %9.0f %9.0f %7d" % (
            name, len(times), len(times) / wall, percentile(times, 0.5) * 1000,
            percentile(times, 0.95) * 1000, results[name]["errors"]))
    print("%-36s %8d %9.1f %9s %9s %7d" % ("all", total, total / wall, "", "", errors))
    for name, _, _ in PAGES:
        if results[name].get("first_error"):
            print("first error on %s: %s" % (name, results[name]["first_error"][:300]))
    if total:
        print("median of all: %.0f ms" % (statistics.median(
            t for r in results.values() for t in r["times"]) * 1000))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
