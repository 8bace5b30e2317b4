"""Shared set-up of the benchmark scripts: open an Odoo registry from a config file."""
import argparse
import os
import sys
import time
from contextlib import contextmanager

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def open_env(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", default=os.path.join(ROOT, ".odoo", "odoo.conf"))
    parser.add_argument("-d", "--database", default="qnetz")
    args = parser.parse_args()
    import odoo
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = odoo.registry(args.database)
    return odoo, registry


@contextmanager
def measure(cr):
    """Seconds and SQL queries of the block: result dict filled on exit."""
    result = {}
    start_count = cr.sql_log_count
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start
    result["queries"] = cr.sql_log_count - start_count


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
