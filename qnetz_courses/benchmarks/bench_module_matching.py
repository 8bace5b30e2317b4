"""Needs matched to course modules and grouped into proposals: quality and speed.

    .venv/bin/python qnetz_courses/benchmarks/bench_module_matching.py \\
        -c .odoo/test-qnetz_test.conf -d qnetz_test

1. The labelled set of tests/bundle_dataset.py (240 realistic needs with the groups a
   coordinator would form): pairwise precision and recall of the proposals' grouping and
   the share of needs given the labelled module (goal: both at least 0.9).
2. The set copied to 10,000 and 100,000 qualified needs (SQL inserts): seconds and SQL
   queries of matching them all to the catalogue (in Python over an index of the
   catalogue; at intake it runs per need; the copies repeat 240 wordings, which the
   matcher reads once each) and of the bundle proposals (goal: 100,000 needs in under
   1 s), and precision and recall at that size.
3. The matcher alone on distinct wordings (no repeated text): needs per second.
4. The independent evaluation set (bundling/evaluation/needs.csv, 424 needs written
   before looking at the matcher, see its README): top-1 and top-3 on the needs whose
   topic has a module, the share of the needs without a module that still get a
   suggestion, each with the area as picked in the form, left empty and deliberately
   wrong, for the development half (what the matcher is tuned on) and the held-out half
   (what the README reports) apart (matching_evaluation.py).

Everything runs in one transaction that is rolled back: the database is left as it was.
Needs the demo catalogue (a database with demo data).
"""
import sys

from common import ROOT, measure, open_env, out

sys.path.insert(0, ROOT)


def copy_needs(cr, source_ids, count, matched):
    """`count` copies of the source needs, spread over them in turn; `matched`: with the
    sources' module and topic key (as intake leaves them), else without. Returns
    {new id: source id}."""
    columns = ", module_id, match_module_id, match_score, match_reason, match_confident, " \
        "topic_key" if matched else ""
    cr.execute("""
        INSERT INTO qnetz_need (name, partner_id, area, topic, description, occupation_id,
                                participant_count, preferred_place, preferred_time, urgency,
                                state, company_id, district_id, create_date, write_date,
                                create_uid, write_uid%(columns)s)
        SELECT 'BENCH17/' || g, s.partner_id, s.area, s.topic, s.description, s.occupation_id,
               s.participant_count, s.preferred_place, s.preferred_time, s.urgency,
               'qualified', s.company_id, s.district_id, now(), now(), 1, 1%(s_columns)s
          FROM generate_series(0, %%(count)s - 1) AS g
          JOIN qnetz_need s ON s.id = (%%(ids)s)[1 + g %%%% array_length(%%(ids)s, 1)]
     RETURNING id, (%%(ids)s)[1 + substr(name, 9)::int %%%% array_length(%%(ids)s, 1)]
    """ % {"columns": columns, "s_columns": columns.replace(", ", ", s.")},
               {"ids": source_ids, "count": count})
    return dict(cr.fetchall())


def run_proposals(env):
    """What the proposals' list view asks for (search_read with its columns)."""
    env["qnetz.bundle.proposal"].invalidate_cache()
    return env["qnetz.bundle.proposal"].search_read(
        [], ["area", "module_id", "occupation_id", "topics", "place", "cross_border",
             "need_count", "partner_count", "participant_count", "seats_min", "seats_max",
             "fill_state", "course_count", "suggested_time", "time_conflict",
             "earliest_start", "max_urgency"])


def main():
    odoo, registry = open_env(__doc__)
    from odoo.addons.qnetz_courses.bundling.tests import bundle_dataset
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "de_DE"})
        evaluation(env)
        with measure(cr) as result:
            labels = bundle_dataset.load(env)
        precision, recall, accuracy = bundle_dataset.score(env, labels)
        out("Labelled set: %d needs, %d groups; precision %.3f, recall %.3f, module right "
            "for %.1f %% (loading and qualifying through the ORM: %.2f s)" % (
                len(labels), len(set(labels.values())), precision, recall, 100 * accuracy,
                result["seconds"]))
        for row in bundle_dataset.mistakes(env, labels):
            out("  wrong: %r (%s, %s): labelled %s, got %s" % (
                row[0], row[1] or "-", row[2] or "-", row[3].split(".")[-1], row[4] or "-"))
        # only the set's needs from here on: the others would blur the scores
        cr.execute("UPDATE qnetz_need SET state = 'closed' WHERE state = 'qualified' "
                   "AND id NOT IN %s", (tuple(labels),))
        source_ids = sorted(labels)
        for count in (10000, 100000):
            # matching every copy at once (intake matches each need as it comes)
            cr.execute("SAVEPOINT bench_matching")
            copies = copy_needs(cr, source_ids, count - len(source_ids), matched=False)
            with measure(cr) as matching:
                env["qnetz.need"]._qnetz_match_ids(list(copies))
            cr.execute("ROLLBACK TO SAVEPOINT bench_matching")
            env.cache.invalidate()
            # the proposals over needs matched at intake, on a table without the dead rows
            # of the mass update (autovacuum's state), with fresh statistics
            cr.execute("DELETE FROM qnetz_need WHERE name LIKE 'BENCH17/%%'")
            copies = copy_needs(cr, source_ids, count - len(source_ids), matched=True)
            cr.execute("ANALYZE qnetz_need")
            expected = dict(labels)
            expected.update({new: labels[source] for new, source in copies.items()})
            run_proposals(env)  # warm the ORM caches once
            with measure(cr) as grouping:
                rows = run_proposals(env)
            cr.execute("SELECT need_id, group_key FROM qnetz_bundle_assignment")
            precision, recall = bundle_dataset.pair_scores(expected, dict(cr.fetchall()))
            out("%7d needs: matching %.2f s (%d queries); proposals %.3f s (%d queries, "
                "%d proposals); precision %.3f, recall %.3f" % (
                    count, matching["seconds"], matching["queries"], grouping["seconds"],
                    grouping["queries"], len(rows), precision, recall))
        distinct_wordings(env)
        cr.rollback()


def evaluation(env):
    """The figures on the independent evaluation set, per choice of area."""
    import matching_evaluation
    env.cr.execute("SELECT module || '.' || name, res_id FROM ir_model_data "
                   "WHERE model = 'qnetz.course.module'")
    module_ids = dict(env.cr.fetchall())
    Need = env["qnetz.need"]
    adopt = Need._qnetz_adopt_confidence()
    results = matching_evaluation.evaluate(Need._qnetz_catalogue(), module_ids, adopt)
    out("Evaluation set (bundling/evaluation/needs.csv); confident: from %.2f" % adopt)
    out("  half        area    | with module: top-1  top-3  none  confident (right) | "
        "without module: suggested  not also_ok  confident")
    for half, per_choice in results.items():
        for choice, f in per_choice.items():
            with_module, without = f["with_module"], f["without_module"]
            out("  %-11s %-7s | %4d needs:  %.3f  %.3f  %.3f  %.3f (%.3f)       | %4d needs: "
                "%.3f      %.3f        %.3f" % (
                    half, choice, with_module, f["top1"] / with_module,
                    f["top3"] / with_module, f["no_suggestion"] / with_module,
                    f["confident"] / with_module,
                    f["confident_right"] / max(f["confident"], 1), without,
                    f["false_suggestion"] / without, f["false_not_ok"] / without,
                    f["false_confident"] / without))


def distinct_wordings(env, count=20000):
    """The matcher alone, every need a new text: what intake of new wordings costs."""
    import time
    catalogue = env["qnetz.need"]._qnetz_catalogue()
    env.cr.execute("SELECT topic FROM qnetz_need ORDER BY id LIMIT 500")
    topics = [row[0] for row in env.cr.fetchall()]
    start = time.perf_counter()
    for index in range(count):
        catalogue.rank("%s %d" % (topics[index % len(topics)], index), "", "theory")
    seconds = time.perf_counter() - start
    out("Matcher alone: %d distinct wordings in %.2f s (%.0f needs/s)" % (
        count, seconds, count / seconds))


if __name__ == "__main__":
    import odoo
    with odoo.api.Environment.manage():
        main()
