"""Generating sessions for 200 courses of 20 sessions with 15 participants each.

    .venv/bin/python qnetz_courses/benchmarks/bench_session_generator.py \
        -c .odoo/test-qnetz_test.conf -d qnetz_test

The courses (at venues in both states), their apprentices (companies on both sides of
the Weser, a vocational school on Thursdays, every fifth apprentice in block weeks) and
the registrations are inserted in one transaction that is rolled back at the end.
Printed: seconds and SQL queries for planning only (the wizard's preview) and for
generating (planning and creating the sessions), in total and per course.
"""
from datetime import date

from common import measure, open_env, out

COURSES = 200
SESSIONS = 20
PARTICIPANTS = 15


def setup(env):
    cr = env.cr
    Partner = env["res.partner"]
    districts = env["qnetz.district"].search([])
    companies = Partner.browse([
        Partner.create({"name": "Bench-Betrieb %d" % index, "is_company": True,
                        "is_training_company": True,
                        "district_id": districts[index % len(districts)].id}).id
        for index in range(20)])
    school = Partner.create({"name": "Bench-Berufskolleg", "is_company": True,
                             "is_vocational_school": True})
    provider = Partner.create({"name": "Bench-Träger", "is_company": True,
                               "is_education_provider": True})
    Schedule = env["qnetz.school.schedule"]
    Schedule.create({"vocational_school_id": school.id, "mode": "weekdays", "thu": True})
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company = cr.fetchone()[0]
    # apprentices and registrations by SQL: the benchmark measures the generator
    cr.execute("""
        INSERT INTO res_partner (name, display_name, is_apprentice, employer_id,
                                 vocational_school_id, active, type, lang, invoice_warn,
                                 create_date, write_date, create_uid, write_uid)
        SELECT 'Bench-Azubi ' || g, 'Bench-Azubi ' || g, true,
               (%(companies)s)[1 + g %% array_length(%(companies)s, 1)], %(school)s,
               true, 'contact', 'de_DE', 'no-message', now(), now(), 1, 1
          FROM generate_series(1, %(count)s) AS g
     RETURNING id
    """, {"companies": companies.ids, "school": school.id, "count": COURSES * PARTICIPANTS})
    apprentices = [row[0] for row in cr.fetchall()]
    blocks = env["qnetz.school.schedule"]
    for apprentice in apprentices[::5]:
        blocks |= Schedule.create({
            "apprentice_id": apprentice, "mode": "block",
            "block_ids": [(0, 0, {"date_from": "2027-02-08", "date_to": "2027-02-19"})]})
    Event = env["event.event"]
    courses = Event
    for index in range(COURSES):
        venue = Partner.create({"name": "Bench-Raum %d" % index,
                                "district_id": districts[index % len(districts)].id})
        courses |= Event.create({
            "name": "Bench-Kurs %d" % index, "is_qnetz_course": True,
            "provider_id": provider.id, "address_id": venue.id,
            "district_id": districts[index % len(districts)].id,
            "date_begin": "2027-01-11 15:00:00", "date_end": "2027-06-30 18:00:00",
            "seats_max": PARTICIPANTS, "seats_min": 1})
    cr.execute("""
        INSERT INTO event_registration (event_id, apprentice_id, partner_id,
                                        paying_partner_id, name, state, origin,
                                        company_id, create_date, write_date,
                                        create_uid, write_uid)
        SELECT (%(courses)s)[1 + (g - 1) / %(per)s], a.id, a.id, a.employer_id, a.name,
               'open', 'bench', %(company)s, now(), now(), 1, 1
          FROM unnest(%(apprentices)s) WITH ORDINALITY AS u(id, g)
          JOIN res_partner a ON a.id = u.id
    """, {"courses": courses.ids, "per": PARTICIPANTS, "apprentices": apprentices,
          "company": company})
    env.cache.invalidate()
    return courses


def main():
    odoo, registry = open_env(__doc__)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "de_DE",
                                                           "tracking_disable": True})
        courses = setup(env)
        start = date(2027, 1, 11)
        env.cache.invalidate()
        with measure(cr) as plan:
            skipped = 0
            for course in courses:
                dates, left_out = course._qnetz_plan_sessions(start, [1, 3], 16.0, 3.0,
                                                              count=SESSIONS)
                skipped += len(left_out)
        env.cache.invalidate()
        with measure(cr) as generate:
            created = 0
            for course in courses:
                sessions, _left_out = course._qnetz_generate_sessions(
                    start, [1, 3], 16.0, 3.0, count=SESSIONS)
                created += len(sessions)
        out("%d courses x %d sessions, %d participants each (%d days left out per course)"
            % (COURSES, SESSIONS, PARTICIPANTS, skipped // COURSES))
        out("plan only:    %.2f s, %d SQL queries (%.1f ms, %.1f queries per course)" % (
            plan["seconds"], plan["queries"], 1000 * plan["seconds"] / COURSES,
            plan["queries"] / float(COURSES)))
        out("generate:     %.2f s, %d SQL queries (%.1f ms, %.1f queries per course), "
            "%d sessions created" % (
                generate["seconds"], generate["queries"],
                1000 * generate["seconds"] / COURSES, generate["queries"] / float(COURSES),
                created))
        cr.rollback()


if __name__ == "__main__":
    import odoo
    with odoo.api.Environment.manage():
        main()
