"""Finding free machine places for a 10-session practical course across 20 workshops with
a year of bookings.

    .venv/bin/python qnetz_courses/benchmarks/bench_workshop_slots.py \\
        -c .odoo/test-qnetz_test.conf -d qnetz_test

20 workshops with 8 machines each (4 CNC lathes of 2 places, 2 mills, 2 welding booths)
get a year of bookings, two a weekday per machine, inserted by SQL (the database's
exclusion constraint checks each); every third lathe is also held on Tuesday and Thursday
afternoons, so that many workshops lack places when the course wants them. A course whose
module needs 6 places at CNC lathes is then planned (the wizard's preview) on Tuesdays and
Thursdays, 10 sessions, in each of the 20 workshops in turn and across all of them.
Everything is rolled back at the end. Printed: seconds and SQL queries per plan, and the
ratio to the budget of 0.5 s.
"""
from datetime import date

from common import measure, open_env, out

from odoo.exceptions import UserError

WORKSHOPS = 20
LATHES, MILLS, BOOTHS = 4, 2, 2
BUDGET = 0.5
START = date(2027, 1, 11)


def setup(env):
    cr = env.cr
    ref = env.ref
    Partner = env["res.partner"]
    districts = env["qnetz.district"].search([])
    calendar = env["resource.calendar"].create({
        "name": "Bench-Werkstattzeit",
        "attendance_ids": [(0, 0, {"name": str(day), "dayofweek": str(day),
                                   "hour_from": 7.0, "hour_to": 21.0}) for day in range(6)]})
    lathe = ref("qnetz_courses.machine_type_cnc_lathe")
    kinds = [(lathe, LATHES, 2), (ref("qnetz_courses.machine_type_cnc_mill"), MILLS, 2),
             (ref("qnetz_courses.machine_type_welding_mag"), BOOTHS, 1)]
    workshops = env["qnetz.workshop"]
    for index in range(WORKSHOPS):
        owner = Partner.create({"name": "Bench-Werkstatttraeger %d" % index, "is_company": True,
                                "is_education_provider": True,
                                "district_id": districts[index % len(districts)].id})
        workshop = env["qnetz.workshop"].create({
            "name": "Bench-Werkstatt %02d" % index, "owner_id": owner.id,
            "calendar_id": calendar.id, "district_id": owner.district_id.id})
        workshops |= workshop
        for machine_type, count, places in kinds:
            for number in range(count):
                env["qnetz.machine"].create({
                    "name": "%s %d" % (machine_type.name, number), "workshop_id": workshop.id,
                    "type_id": machine_type.id, "places": places, "hourly_rate": 20.0})
    machines = workshops.mapped("machine_ids")
    # two bookings a weekday per machine for a year: 06:00-09:00 and 09:30-11:30 UTC
    cr.execute("""
        INSERT INTO qnetz_machine_booking (machine_id, workshop_id, type_id, kind, state,
                                           date_start, date_stop, duration, places,
                                           create_uid, write_uid, create_date, write_date)
        SELECT m.id, m.workshop_id, m.type_id, 'practice', 'open',
               d + s.start, d + s.stop, extract(epoch FROM s.stop - s.start) / 3600,
               m.places, 1, 1, now(), now()
          FROM qnetz_machine m
         CROSS JOIN generate_series(%(first)s::timestamp, %(first)s::timestamp
                                    + interval '1 year', interval '1 day') AS d
         CROSS JOIN (VALUES (interval '6 hours', interval '9 hours'),
                            (interval '9 hours 30 minutes', interval '11 hours 30 minutes'))
                    AS s(start, stop)
         WHERE m.id IN %(machines)s AND extract(isodow FROM d) < 6
    """, {"first": str(START), "machines": tuple(machines.ids)})
    yearly = cr.rowcount
    # every third lathe also held on Tuesday and Thursday afternoons (courses elsewhere)
    busy = machines.filtered(lambda m: m.type_id == lathe)[::3]
    cr.execute("""
        INSERT INTO qnetz_machine_booking (machine_id, workshop_id, type_id, kind, state,
                                           date_start, date_stop, duration, places,
                                           create_uid, write_uid, create_date, write_date)
        SELECT m.id, m.workshop_id, m.type_id, 'practice', 'closed',
               d + interval '13 hours', d + interval '17 hours', 4, m.places,
               1, 1, now(), now()
          FROM qnetz_machine m
         CROSS JOIN generate_series(%(first)s::timestamp, %(first)s::timestamp
                                    + interval '1 year', interval '1 day') AS d
         WHERE m.id IN %(machines)s AND extract(isodow FROM d) IN (2, 4)
    """, {"first": str(START), "machines": tuple(busy.ids)})
    yearly += cr.rowcount
    # the statistics autovacuum keeps of a table that grew over a year
    cr.execute("ANALYZE qnetz_machine_booking")
    module = env["qnetz.course.module"].create({
        "name": "Bench-CNC-Drehen", "area": "practice",
        "machine_need_ids": [(0, 0, {"type_id": lathe.id, "places": 6})]})
    course = env["event.event"].create({
        "name": "Bench-Praxiskurs", "is_qnetz_course": True, "module_id": module.id,
        "date_begin": "2027-01-11 15:00:00", "date_end": "2027-06-30 18:00:00",
        "seats_max": 6, "seats_min": 1})
    env.cache.invalidate()
    return workshops, course, yearly


def main():
    odoo, registry = open_env(__doc__)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "de_DE",
                                                           "tracking_disable": True})
        workshops, course, yearly = setup(env)
        out("%d workshops, %d machines, %d bookings over a year" % (
            len(workshops), len(workshops.mapped("machine_ids")), yearly))
        results = []
        for workshop in list(workshops) + [None]:
            course.workshop_id = workshop
            env.cache.invalidate()
            with measure(cr) as plan:
                try:
                    dates, skipped = course._qnetz_plan_sessions(
                        START, [1, 3], 16.0, 3.0, count=10, school_holidays=False,
                        school_days=False)
                    found, left_out = len(dates), len(skipped)
                except UserError:
                    # no 10 free days in the 3 years the planner looks ahead: the worst case
                    found, left_out = 0, -1
            results.append((workshop, plan, found, left_out))
        worst = max(plan["seconds"] for _w, plan, _d, _s in results)
        for workshop, plan, found, skipped in results:
            out("%-28s %.3f s, %3d SQL queries, %2d sessions, %s" % (
                workshop.name if workshop else "across all 20 workshops", plan["seconds"],
                plan["queries"], found, "%d days left out" % skipped if skipped >= 0
                else "not enough free days in 3 years"))
        out("slowest plan: %.3f s = %.0f %% of the budget of %.1f s" % (
            worst, 100.0 * worst / BUDGET, BUDGET))
        cr.rollback()


if __name__ == "__main__":
    import odoo
    with odoo.api.Environment.manage():
        main()
