"""Billing run for 2,000 registrations over 100 courses and 300 companies.

    .venv/bin/python qnetz_courses/benchmarks/bench_billing.py \
        -c .odoo/test-qnetz_t_courses.conf -d qnetz_t_courses

Courses, companies and registrations are inserted with SQL in one transaction that is
rolled back at the end. Prints seconds and SQL queries of the run, per registration,
and the same for the second (idempotent) run, which must bill nothing.
"""
from common import measure, open_env, out

import os

# smaller runs for profiling: QNETZ_BENCH_SCALE=0.1
SCALE = float(os.environ.get("QNETZ_BENCH_SCALE", "1"))
COURSES, COMPANIES, REGISTRATIONS = int(100 * SCALE), int(300 * SCALE), int(2000 * SCALE)


def insert_data(cr):
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO res_partner (name, display_name, is_company, is_training_company,
                                 active, customer, supplier, type, company_id, lang,
                                 create_date, write_date, invoice_warn)
        SELECT 'Benchbetrieb ' || g, 'Benchbetrieb ' || g, true, true, true, true, false,
               'contact', %s, 'de_DE', now(), now(), 'no-message'
          FROM generate_series(1, %s) g RETURNING id
    """, (company, COMPANIES))
    companies = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO res_partner (name, display_name, is_company, is_education_provider,
                                 active, customer, supplier, type, company_id, lang,
                                 create_date, write_date, invoice_warn)
        VALUES ('Benchträger', 'Benchträger', true, true, true, false, true, 'contact',
                %s, 'de_DE', now(), now(), 'no-message') RETURNING id
    """, (company,))
    provider = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO res_partner (name, display_name, is_apprentice, employer_id, active,
                                 customer, supplier, type, company_id, lang, create_date,
                                 write_date, invoice_warn)
        SELECT 'Benchazubi ' || g, 'Benchazubi ' || g, true,
               (%s)[1 + g %% %s], true, false, false, 'contact', %s, 'de_DE', now(), now(),
               'no-message'
          FROM generate_series(1, %s) g RETURNING id, employer_id
    """, (companies, COMPANIES, company, REGISTRATIONS))
    apprentices = cr.fetchall()
    # what the ORM would have computed for the partners
    cr.execute("UPDATE res_partner SET commercial_partner_id = id "
               "WHERE commercial_partner_id IS NULL AND name LIKE 'Bench%%'")
    cr.execute("""
        INSERT INTO event_event (name, is_qnetz_course, provider_id, company_id, date_tz,
                                 date_begin, date_end, state, seats_availability, seats_max,
                                 seats_min, fee_model, fee_amount, funding_share,
                                 provider_fee, active, create_date, write_date,
                                 attendance_threshold, currency_id)
        SELECT 'Benchkurs ' || g, true, %s, %s, 'Europe/Berlin',
               now() - interval '10 days', now() + interval '10 days', 'running', 'limited',
               40, 1, CASE WHEN g %% 2 = 0 THEN 'total' ELSE 'per_participant' END,
               CASE WHEN g %% 2 = 0 THEN 7999.99 ELSE 333.33 END, 40, 3000, true, now(),
               now(), 80, (SELECT currency_id FROM res_company WHERE id = %s)
          FROM generate_series(1, %s) g RETURNING id
    """, (provider, company, company, COURSES))
    courses = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO event_registration (event_id, partner_id, apprentice_id,
                                        paying_partner_id, name, state, company_id,
                                        is_qnetz_course, billing_state, date_open,
                                        create_date, write_date)
        SELECT (%s)[1 + (a.n - 1) %% %s], a.id, a.id, a.employer_id, 'Benchazubi', 'open',
               %s, true, 'to_bill', now(), now(), now()
          FROM unnest(%s, %s) WITH ORDINALITY AS a(id, employer_id, n)
    """, (courses, COURSES, company, [a[0] for a in apprentices],
          [a[1] for a in apprentices]))
    return courses


def main():
    odoo, registry = open_env(__doc__)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
            "lang": "de_DE", "tracking_disable": True, "mail_notrack": True})
        course_ids = insert_data(cr)
        events = env["event.event"].browse(course_ids)
        with measure(cr) as first:
            invoices = events._qnetz_bill_registrations()
        lines = len(invoices.mapped("invoice_line_ids"))
        out("first run : %d registrations, %d courses -> %d invoices, %d lines: "
            "%.2f s, %d SQL queries, %.1f queries and %.2f ms per registration" % (
                REGISTRATIONS, COURSES, len(invoices), lines, first["seconds"],
                first["queries"], first["queries"] / float(REGISTRATIONS),
                1000 * first["seconds"] / REGISTRATIONS))
        env["event.event"].invalidate_cache()
        with measure(cr) as second:
            again = events._qnetz_bill_registrations()
        out("second run: %d new invoices (idempotent): %.2f s, %d SQL queries" % (
            len(again), second["seconds"], second["queries"]))
        with measure(cr) as bills:
            provider_bills = events._qnetz_create_provider_bill()
        out("provider bills: %d vendor bills: %.2f s, %d SQL queries" % (
            len(provider_bills), bills["seconds"], bills["queries"]))
        cr.rollback()


if __name__ == "__main__":
    import odoo
    with odoo.api.Environment.manage():
        main()
