"""Workshops with machines for the workshop tests, built from nothing but the machine
types, so that the tests do not depend on the demo data."""


def create_calendar(env, name, hour_from=7.0, hour_to=21.0, weekdays=range(6)):
    return env["resource.calendar"].create({
        "name": name,
        "attendance_ids": [(0, 0, {"name": "%s %d" % (name, day), "dayofweek": str(day),
                                   "hour_from": hour_from, "hour_to": hour_to})
                           for day in weekdays],
    })


def create_workshop(env, name, owner, machines, calendar=None, **values):
    """`machines`: [(machine type xml id, name, places, hourly rate)]."""
    calendar = calendar or create_calendar(env, "Werkstattzeit %s" % name)
    workshop = env["qnetz.workshop"].create(dict({
        "name": name, "owner_id": owner.id, "calendar_id": calendar.id,
        "district_id": owner.district_id.id}, **values))
    for type_xml_id, machine_name, places, rate in machines:
        env["qnetz.machine"].create({
            "name": machine_name, "workshop_id": workshop.id,
            "machine_type_id": env.ref("qnetz_courses.%s" % type_xml_id).id,
            "places": places, "hourly_rate": rate})
    return workshop
