"""Queries and time for the partner smart-button counts (apprentices, needs).

    .venv/bin/python qnetz_base/benchmarks/bench_partner_counts.py CONFIG DBNAME

Compares the batched computes (one read_group per field) with a naive per-partner
search_count, on all training companies of the database. Prints figures; changes nothing.
"""
import sys
import time

import odoo
from odoo.api import Environment


def measure(cr, fn):
    start_queries, start = cr.sql_log_count, time.perf_counter()
    fn()
    return cr.sql_log_count - start_queries, (time.perf_counter() - start) * 1000


def main(config, dbname):
    odoo.tools.config.parse_config(["-c", config, "-d", dbname, "--log-level=warn"])
    with Environment.manage(), odoo.registry(dbname).cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        companies = env["res.partner"].search([("is_training_company", "=", True)])

        def batched():
            companies.invalidate_cache()
            companies.mapped("apprentice_count")
            companies.mapped("need_count")

        def naive():
            Partner, Need = env["res.partner"], env["qnetz.need"]
            for company in companies:
                Partner.search_count(
                    [("employer_id", "=", company.id), ("is_apprentice", "=", True)])
                Need.search_count([("partner_id", "=", company.id)])

        batched_q, batched_ms = measure(cr, batched)
        naive_q, naive_ms = measure(cr, naive)
        print("training companies:        %d" % len(companies))
        print("batched computes:          %3d queries  %7.1f ms" % (batched_q, batched_ms))
        print("naive per-partner counts:  %3d queries  %7.1f ms" % (naive_q, naive_ms))
        print("query ratio naive/batched: %.1f" % (naive_q / max(batched_q, 1)))
        cr.rollback()


if __name__ == "__main__":
    main(*sys.argv[1:3])
