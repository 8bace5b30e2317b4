"""Funder claims for a project term with 300 courses and 4,000 registrations.

    .venv/bin/python qnetz_courses/benchmarks/bench_funder_claims.py \
        -c .odoo/test-qnetz_h16.conf -d qnetz_h16

The courses, companies and registrations of bench_billing.py (scaled to 300 courses and
4,000 registrations, 40 % funding) are billed by the engine; the invoices are then marked
validated last month with SQL (validating thousands of invoices is not what is measured).
Prints seconds and SQL queries of the claim run and of a second run that must claim
nothing, and the reconciliation view over the term. All in one transaction, rolled back.
"""
import datetime
import os

from common import measure, open_env, out

import bench_billing

SCALE = float(os.environ.get("QNETZ_BENCH_SCALE", "1"))
bench_billing.COURSES = int(300 * SCALE)
bench_billing.COMPANIES = int(300 * SCALE)
bench_billing.REGISTRATIONS = int(4000 * SCALE)


def main():
    odoo, registry = open_env(__doc__)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
            "lang": "de_DE", "tracking_disable": True, "mail_notrack": True})
        today = datetime.date.today()
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        funder = env["res.partner"].create({"name": "Benchförderer", "is_company": True})
        project = env["qnetz.project"].create({
            "name": "Benchprojekt", "funder_id": funder.id,
            "date_start": str(last_month.replace(month=1) if last_month.month > 6
                              else last_month - datetime.timedelta(days=150)),
            "claim_period": "month", "claim_mode": "invoice"})
        course_ids = bench_billing.insert_data(cr)
        cr.execute("UPDATE event_event SET project_id = %s, funder_id = %s "
                   "WHERE id IN %s", (project.id, funder.id, tuple(course_ids)))
        events = env["event.event"].browse(course_ids)
        with measure(cr) as billing:
            invoices = events._qnetz_bill_registrations()
        out("set-up: billed %d registrations on %d invoices in %.1f s" % (
            bench_billing.REGISTRATIONS, len(invoices), billing["seconds"]))
        cr.execute("UPDATE account_invoice SET state = 'open', date_invoice = %s "
                   "WHERE id IN %s", (last_month, tuple(invoices.ids)))
        env.cache.invalidate()
        with measure(cr) as first:
            claims = env["qnetz.funder.claim"]._qnetz_claim_run(project, today=today)
        parts = sum(len(claim.part_ids) for claim in claims)
        out("claim run : %d courses, %d funded parts -> %d claims, %d invoice lines to the "
            "funder, %.2f EUR: %.2f s, %d SQL queries (%.2f queries per course)" % (
                len(course_ids), parts, len(claims),
                len(claims.mapped("invoice_id.invoice_line_ids")),
                sum(claims.mapped("amount_total")), first["seconds"], first["queries"],
                first["queries"] / float(len(course_ids))))
        env.cache.invalidate()
        with measure(cr) as second:
            again = env["qnetz.funder.claim"]._qnetz_claim_run(project, today=today)
        out("second run: %d new claims (idempotent): %.2f s, %d SQL queries" % (
            len(again), second["seconds"], second["queries"]))
        with measure(cr) as reconciliation:
            rows = env["qnetz.course.reconciliation"].search_read(
                [("project_id", "=", project.id)], ["difference", "reconciled"])
        out("reconciliation view: %d courses, %d reconciled: %.2f s, %d SQL queries" % (
            len(rows), len([row for row in rows if row["reconciled"]]),
            reconciliation["seconds"], reconciliation["queries"]))
        cr.rollback()


if __name__ == "__main__":
    import odoo
    with odoo.api.Environment.manage():
        main()
