"""11.0.1.4.0: the school holidays shipped before were entered without a source and were
wrong in places (NRW's autumn holidays 2028, a made-up NRW day on 06.06.2028, Lower
Saxony's 02.10.2028 missing). They are removed before the sourced data loads, so that
the overlap check does not meet them; periods the coordinator added by hand stay."""


# What this migration deletes on purpose, as (module, model, XML id pattern): records
# retired, not lost (tests/test_release_upgrade.py reads this list).
RETIRED = [("qnetz_courses", "qnetz.holiday", "school_holiday_%")]


def migrate(cr, version):
    if not version:
        return
    for module, model, pattern in RETIRED:
        cr.execute("""
            DELETE FROM qnetz_holiday WHERE id IN (
                SELECT res_id FROM ir_model_data
                 WHERE module = %s AND model = %s AND name LIKE %s)
        """, (module, model, pattern))
        cr.execute("DELETE FROM ir_model_data WHERE module = %s AND model = %s AND name LIKE %s",
                   (module, model, pattern))
