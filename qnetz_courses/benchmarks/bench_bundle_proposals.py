"""Bundle proposals for 1,000 and 10,000 qualified needs: seconds and SQL queries.

    .venv/bin/python qnetz_courses/benchmarks/bench_bundle_proposals.py \
        -c .odoo/test-qnetz_t_courses.conf -d qnetz_t_courses

The needs are inserted in one transaction that is rolled back at the end: the
database is left as it was. Target: <= 2 s for 10,000 needs, a query count that does
not grow with the number of needs.
"""
from common import measure, open_env, out

TOPICS = ["Hydraulik", "Pneumatik", "SPS-Programmierung", "MAG-Schweißen", "CNC-Drehen",
          "Technische Mathematik", "Werkstoffkunde", "Fachsprache Deutsch Metall",
          "Prüfungsvorbereitung WiSo", "Technische Zeichnungen lesen", "Elektrotechnik",
          "Lern- und Arbeitstechniken", "Berichtsheft", "Gabelstapler", "Pflege-Fachtheorie"]


def insert_needs(cr, count):
    cr.execute("SELECT id FROM res_partner WHERE is_training_company ORDER BY id")
    partners = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id FROM qnetz_occupation ORDER BY id")
    occupations = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id FROM qnetz_district ORDER BY id")
    districts = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO qnetz_need (name, partner_id, area, topic, occupation_id,
                                participant_count, preferred_place, preferred_time, urgency,
                                state, company_id, district_id, create_date, write_date,
                                create_uid, write_uid)
        SELECT 'BENCH/' || g,
               (%(partners)s)[1 + g %% array_length(%(partners)s, 1)],
               (ARRAY['general', 'theory', 'practice', 'language'])[1 + g %% 4],
               (%(topics)s)[1 + (g / 4) %% array_length(%(topics)s, 1)],
               (%(occupations)s)[1 + g %% array_length(%(occupations)s, 1)],
               1 + g %% 3,
               (ARRAY['hoexter', 'holzminden', 'either'])[1 + (g / 7) %% 3],
               (ARRAY['evening', 'saturday', 'block', 'school_day', 'any'])[1 + g %% 5],
               (g %% 4)::text,
               'qualified', %(company)s,
               (%(districts)s)[1 + g %% array_length(%(districts)s, 1)],
               now(), now(), 1, 1
          FROM generate_series(1, %(count)s) AS g
    """, {"partners": partners, "topics": TOPICS, "occupations": occupations,
          "districts": districts, "company": company, "count": count})


def run_proposals(env):
    env["qnetz.bundle.proposal"].invalidate_cache()
    Proposal = env["qnetz.bundle.proposal"]
    proposals = Proposal.search([])
    rows = proposals.read(["name", "area", "occupation_id", "topics", "place", "need_count",
                           "participant_count", "seats_min", "seats_max", "fill_state",
                           "course_count", "suggested_time", "time_conflict"])
    return rows


def main():
    odoo, registry = open_env(__doc__)
    results = {}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "de_DE"})
        cr.execute("SELECT count(*) FROM qnetz_need WHERE state = 'qualified'")
        already = cr.fetchone()[0]
        inserted = 0
        for target in (1000, 10000):
            insert_needs(cr, target - inserted)
            inserted = target
            run_proposals(env)  # warm the view and the ORM caches once
            with measure(cr) as result:
                rows = run_proposals(env)
            result["proposals"] = len(rows)
            result["needs_in_proposals"] = sum(row["need_count"] for row in rows)
            results[target] = result
            out("%6d qualified needs (+%d demo): %3d proposals covering %d needs, "
                "%.3f s, %d SQL queries" % (
                    target, already, result["proposals"], result["needs_in_proposals"],
                    result["seconds"], result["queries"]))
        cr.rollback()
    small, large = results[1000], results[10000]
    out("query ratio 10,000 / 1,000 needs: %.2f (1.00 = constant)"
        % (large["queries"] / float(small["queries"])))
    out("time for 10,000 needs: %.3f s (target <= 2 s): %s"
        % (large["seconds"], "OK" if large["seconds"] <= 2 else "TOO SLOW"))


if __name__ == "__main__":
    import odoo
    with odoo.api.Environment.manage():
        main()
