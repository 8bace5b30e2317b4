"""Time and queries of the network figures (dashboard, PDF and XLSX share them).

    .venv/bin/python qnetz_courses/benchmarks/bench_report_figures.py -c .odoo/odoo.conf -d qnetz
        [--needs 50000] [--registrations 20000]

Adds (by default) 50,000 needs, 20,000 registrations of 1,000 courses, 2,000 companies,
10,000 target-group profiles and 2,000 invoices with 20,000 lines with bulk SQL inserts,
computes the figures of one year (all districts, then one district), prints seconds and
query counts, and rolls everything back. Changes nothing.
"""
import argparse
import time

import odoo
from odoo.api import Environment


def insert_data(cr, env, needs, registrations):
    company = env.user.company_id
    districts = env["qnetz.district"].search([])
    hx, hol = districts[0].id, districts[-1].id
    industry = env["res.partner.industry"].search([], limit=1).id or None
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, is_company, is_training_company,
                                 district_id, employee_count, is_sme, industry_id,
                                 company_id, type, customer, supplier, employee, invoice_warn,
                                 create_date, write_date)
        SELECT 'Bench GmbH ' || g, 'Bench GmbH ' || g, true, true, true,
               CASE WHEN g %% 2 = 0 THEN %(hx)s ELSE %(hol)s END, 10 + g %% 400,
               (10 + g %% 400) < 250, CASE WHEN g %% 3 = 0 THEN %(industry)s END,
               %(company)s, 'contact', true, false, false, 'no-message', now(), now()
          FROM generate_series(1, 2000) g
        RETURNING id
    """, {"hx": hx, "hol": hol, "industry": industry, "company": company.id})
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s",
               (tuple(partner_ids),))
    cr.execute("""
        INSERT INTO event_event (name, date_begin, date_end, date_tz, seats_availability,
                                 seats_min, seats_max, state, company_id, is_qnetz_course,
                                 area, district_id, total_hours, fee_amount,
                                 funding_share, create_date, write_date)
        SELECT 'Bench-Kurs ' || g,
               timestamp '2025-01-06 07:00' + (g %% 360) * interval '1 day',
               timestamp '2025-01-06 15:00' + (g %% 360) * interval '1 day',
               'Europe/Berlin', 'limited', 5, 25,
               (ARRAY['draft', 'confirm', 'done', 'done', 'cancel'])[1 + g %% 5],
               %(company)s, true,
               (ARRAY['general', 'theory', 'practice', 'language'])[1 + g %% 4],
               CASE WHEN g %% 2 = 0 THEN %(hx)s ELSE %(hol)s END, 24.0, 300.0, 40.0,
               now(), now()
          FROM generate_series(1, 1000) g
        RETURNING id
    """, {"company": company.id, "hx": hx, "hol": hol})
    event_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO event_registration (event_id, name, state, company_id, paying_partner_id,
                                        attended_hours, attendance_rate, certificate_eligible,
                                        create_date, write_date)
        SELECT (%(events)s)[1 + g %% 1000], 'Teilnehmer ' || g,
               (ARRAY['open', 'done', 'done', 'cancel', 'waiting'])[1 + g %% 5], %(company)s,
               (%(partners)s)[1 + g %% 2000], (g %% 25)::float, (g %% 25) * 100.0 / 24,
               g %% 25 >= 20, now(), now()
          FROM generate_series(1, %(count)s) g
    """, {"events": event_ids, "partners": partner_ids, "company": company.id,
          "count": registrations})
    cr.execute("""
        INSERT INTO qnetz_need (name, partner_id, district_id, federal_state_id, area, topic,
                                participant_count, preferred_place, preferred_time, urgency,
                                state, qualified_date, course_id, company_id,
                                create_date, write_date)
        SELECT 'BENCH/' || g, (%(partners)s)[1 + g %% 2000],
               CASE WHEN g %% 2 = 0 THEN %(hx)s ELSE %(hol)s END, NULL,
               (ARRAY['general', 'theory', 'practice', 'language'])[1 + g %% 4], 'Thema',
               1, 'either', 'any', '1',
               (ARRAY['new', 'qualified', 'bundled', 'served', 'withdrawn'])[1 + g %% 5],
               CASE WHEN g %% 5 IN (1, 2, 3) THEN date '2025-01-01' + (g %% 300) END,
               CASE WHEN g %% 5 IN (2, 3) THEN (%(events)s)[1 + g %% 1000] END,
               %(company)s,
               timestamp '2025-01-01 08:00' + (g %% 365) * interval '1 day', now()
          FROM generate_series(1, %(count)s) g
    """, {"partners": partner_ids, "events": event_ids, "hx": hx, "hol": hol,
          "company": company.id, "count": needs})
    cr.execute("""
        INSERT INTO qnetz_target_profile (district_id, first_reached_date, learning_difficulties,
                                          gap_general, gap_theory, gap_practice, is_refugee,
                                          employer_is_sme, anonymised, company_id,
                                          create_date, write_date)
        SELECT CASE WHEN g %% 2 = 0 THEN %(hx)s ELSE %(hol)s END,
               date '2025-01-01' + (g %% 365), g %% 3 = 0, g %% 5 = 0, g %% 7 = 0, g %% 4 = 0,
               g %% 6 = 0, g %% 2 = 0, g %% 10 = 0, %(company)s, now(), now()
          FROM generate_series(1, 10000) g
    """, {"hx": hx, "hol": hol, "company": company.id})
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    account = env["account.account"].search(
        [("company_id", "=", company.id), ("internal_type", "=", "receivable")], limit=1)
    income = journal.default_credit_account_id or account
    cr.execute("""
        INSERT INTO account_invoice (type, state, partner_id, commercial_partner_id, account_id,
                                     journal_id, company_id, currency_id, reference_type,
                                     amount_total, amount_total_signed, residual_signed,
                                     course_id, date_invoice, create_date, write_date)
        SELECT 'out_invoice', (ARRAY['draft', 'open', 'paid', 'cancel'])[1 + g %% 4],
               (%(partners)s)[1 + g %% 2000], (%(partners)s)[1 + g %% 2000],
               %(account)s, %(journal)s, %(company)s, %(currency)s, 'none',
               1800.0, 1800.0, CASE WHEN g %% 4 = 1 THEN 900.0 ELSE 0.0 END,
               (%(events)s)[1 + g %% 1000], date '2025-02-01', now(), now()
          FROM generate_series(1, 2000) g
        RETURNING id
    """, {"partners": partner_ids, "events": event_ids, "account": account.id,
          "journal": journal.id, "company": company.id, "currency": company.currency_id.id})
    invoice_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO account_invoice_line (invoice_id, name, account_id, price_unit, quantity,
                                          company_id, funding_amount,
                                          gross_amount, create_date, write_date)
        SELECT (%(invoices)s)[1 + g %% 2000], 'Kursgebühr', %(account)s, 180.0, 1.0,
               %(company)s, 120.0, 300.0, now(), now()
          FROM generate_series(1, 20000) g
    """, {"invoices": invoice_ids, "account": income.id, "company": company.id})
    cr.execute("ANALYZE")


def measure(cr, fn):
    start_queries, start = cr.sql_log_count, time.perf_counter()
    result = fn()
    return result, cr.sql_log_count - start_queries, time.perf_counter() - start


def vacuum(registry):
    """Earlier (rolled back) runs leave dead rows behind, which every scan has to skip."""
    cr = registry.cursor()
    try:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE res_partner, event_event, event_registration, qnetz_need, "
                   "qnetz_target_profile, account_invoice, account_invoice_line")
    finally:
        cr._cnx.autocommit = False
        cr.close()


def main(config, dbname, needs=50000, registrations=20000):
    odoo.tools.config.parse_config(["-c", config, "-d", dbname, "--log-level=warn"])
    vacuum(odoo.registry(dbname))
    with Environment.manage(), odoo.registry(dbname).cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {"lang": "de_DE"})
        start = time.perf_counter()
        insert_data(cr, env, int(needs), int(registrations))
        print("bulk insert:                  %6.2f s" % (time.perf_counter() - start))
        cr.execute("SELECT count(*) FROM qnetz_need")
        print("needs in the database:        %6d" % cr.fetchone()[0])
        cr.execute("SELECT count(*) FROM event_registration")
        print("registrations in the database:%6d" % cr.fetchone()[0])
        Figures = env["qnetz.report.figures"]
        district = env["qnetz.district"].search([], limit=1)
        Figures.compute("2025-01-01", "2025-12-31")  # warm-up: caches, query plans
        runs = [
            ("figures 2025, all districts", lambda: Figures.compute("2025-01-01", "2025-12-31")),
            ("figures 2025, one district",
             lambda: Figures.compute("2025-01-01", "2025-12-31", district.ids)),
            ("figures Q2 2025, all districts",
             lambda: Figures.compute("2025-04-01", "2025-06-30")),
            ("dashboard (wizard, incl. HTML)", lambda: env["qnetz.report.wizard"].create(
                {"date_from": "2025-01-01", "date_to": "2025-12-31"}).figures_html),
        ]
        for label, fn in runs:
            result, queries, seconds = measure(cr, fn)
            print("%-32s %6.3f s  %3d queries" % (label + ":", seconds, queries))
            if isinstance(result, dict):
                totals = result["totals"]
                print("    needs %(needs)d, companies %(companies)d, participants "
                      "%(participants)d, courses %(courses)d, young people %(young_people)d"
                      % totals)
        cr.rollback()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--needs", type=int, default=50000)
    parser.add_argument("--registrations", type=int, default=20000)
    args = parser.parse_args()
    main(args.config, args.database, args.needs, args.registrations)
