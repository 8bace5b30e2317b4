from datetime import timedelta
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests.common import SavepointCase


def create_begun_course(env, prefix, tag, **course_values):
    """A company with three apprentices registered for a begun course of a provider, for the
    tests that race two real transactions (they commit it, so names carry a unique tag).
    Returns the course and the partners made."""
    Partner = env["res.partner"]
    company = Partner.create({
        "name": "%sbetrieb %s" % (prefix, tag), "is_company": True,
        "is_training_company": True, "city": "Warburg"})
    provider = Partner.create({
        "name": "%straeger %s" % (prefix, tag), "is_company": True,
        "is_education_provider": True, "city": "Holzminden"})
    apprentices = Partner
    for index in range(3):
        apprentices |= Partner.create({
            "name": "%s-Azubi %d %s" % (prefix, index, tag), "is_apprentice": True,
            "employer_id": company.id})
    course = env["event.event"].create(dict({
        "name": "%skurs %s" % (prefix, tag), "is_qnetz_course": True,
        "provider_id": provider.id, "date_begin": "2031-01-05 08:00:00",
        "date_end": "2031-01-30 16:00:00", "seats_min": 1, "seats_max": 10,
        "fee_amount": 100.0, "provider_fee": 500.0}, **course_values))
    for apprentice in apprentices:
        env["event.registration"].create({"event_id": course.id, "apprentice_id": apprentice.id})
    env["qnetz.course.session"].create({
        "event_id": course.id, "date_begin": "2031-01-05 08:00:00",
        "date_end": "2031-01-05 12:00:00"})
    course.button_confirm()
    move_to_past(course)
    course.action_start()
    return course, company | provider | apprentices


def move_to_past(course):
    """Shift a course and its sessions by whole years so that it began last year.

    The tests plan their courses years ahead (so that nothing in them is past by accident);
    a course is only started, finished and billed once its sessions have taken place."""
    this_year = int(fields.Date.context_today(course)[:4])
    years = this_year - 1 - int(course.date_begin[:4])
    if years >= 0:
        return course
    shift = relativedelta(years=years)

    def moved(value):
        return fields.Datetime.to_string(fields.Datetime.from_string(value) + shift)
    course.write({"date_begin": moved(course.date_begin), "date_end": moved(course.date_end)})
    for session in course.session_ids.sorted("date_begin"):
        session.write({"date_begin": moved(session.date_begin),
                       "date_end": moved(session.date_end)})
    return course


class QnetzCoursesCase(SavepointCase):
    """Partners, needs and a course shared by the course tests."""

    @classmethod
    def setUpClass(cls):
        super(QnetzCoursesCase, cls).setUpClass()
        # the users work in German: messages are checked in German
        cls.env = cls.env(context=dict(cls.env.context, lang="de_DE", tracking_disable=True,
                                       mail_notrack=True, no_reset_password=True))
        Partner = cls.env["res.partner"]
        cls.district_hx = cls.env.ref("qnetz_base.district_hoexter")
        cls.district_hol = cls.env.ref("qnetz_base.district_holzminden")
        cls.occupation = cls.env.ref("qnetz_base.occupation_industriemechaniker")
        cls.company_a = Partner.create({
            "name": "Testbetrieb Brakel GmbH", "is_company": True, "is_training_company": True,
            "district_id": cls.district_hx.id, "city": "Brakel", "employee_count": 40})
        cls.company_b = Partner.create({
            "name": "Testwerk Bevern KG", "is_company": True, "is_training_company": True,
            "district_id": cls.district_hol.id, "city": "Bevern", "employee_count": 80})
        cls.provider = Partner.create({
            "name": "Testbildung Höxter e.V.", "is_company": True,
            "is_education_provider": True, "city": "Höxter"})
        cls.venue = Partner.create({"name": "Schulungsraum Testbildung", "city": "Höxter"})
        cls.venue_2 = Partner.create({"name": "Werkhalle Bevern", "city": "Bevern"})
        cls.apprentices = Partner
        for index in range(6):
            employer = cls.company_a if index < 4 else cls.company_b
            cls.apprentices |= Partner.create({
                "name": "Azubi Test %d" % index, "is_apprentice": True,
                "employer_id": employer.id, "occupation_id": cls.occupation.id,
                "email": "azubi%d@example.com" % index})

    @classmethod
    def _create_course(cls, **values):
        vals = {
            "name": "Hydraulik Grundlagen",
            "is_qnetz_course": True,
            "area": "practice",
            "occupation_id": cls.occupation.id,
            "provider_id": cls.provider.id,
            "district_id": cls.district_hx.id,
            "address_id": cls.venue.id,
            "date_begin": "2030-03-02 07:00:00",
            "date_end": "2030-03-30 15:00:00",
            "seats_min": 2,
            "seats_max": 4,
            "fee_model": "per_participant",
            "fee_amount": 300.0,
            "provider_fee": 1500.0,
        }
        vals.update(values)
        return cls.env["event.event"].create(vals)

    @classmethod
    def _begin(cls, course):
        """A session at the start, the course moved to the past and started: what makes
        it billable."""
        if not course.session_ids:
            cls.env["qnetz.course.session"].create({
                "event_id": course.id, "date_begin": course.date_begin,
                "date_end": fields.Datetime.to_string(
                    fields.Datetime.from_string(course.date_begin) + timedelta(hours=3))})
        move_to_past(course)
        course.action_start()
        return course

    @classmethod
    def _register(cls, course, apprentice, **values):
        vals = {"event_id": course.id, "apprentice_id": apprentice.id}
        vals.update(values)
        return cls.env["event.registration"].create(vals)


class CalendarCase(QnetzCoursesCase):
    """A course in Höxter (NRW) with apprentices of a Holzminden company (Lower Saxony)."""

    @classmethod
    def setUpClass(cls):
        super(CalendarCase, cls).setUpClass()
        cls.nw = cls.env.ref("qnetz_base.state_de_nw")
        cls.ni = cls.env.ref("qnetz_base.state_de_ni")
        # 2028 beyond the summer is not shipped (no official text found for it): the
        # periods these tests plan around, NRW's autumn as the issue gives it
        Holiday = cls.env["qnetz.holiday"]
        Holiday.search([("kind", "=", "school"), ("state_id", "=", cls.ni.id)]).write(
            {"active": False})
        for state, name, start, end in (
                (cls.nw, "Herbstferien", "2028-10-23", "2028-11-04"),
                (cls.ni, "Sommerferien", "2028-07-20", "2028-08-30")):
            if not Holiday.search([("kind", "=", "school"), ("state_id", "=", state.id),
                                   ("date_from", "<=", end), ("date_to", ">=", start)]):
                Holiday.create({"name": name, "kind": "school", "state_id": state.id,
                                "date_from": start, "date_to": end,
                                "source": "test fixture"})
        cls.school = cls.env["res.partner"].create({
            "name": "Berufskolleg Test", "is_company": True, "is_vocational_school": True})
        cls.apprentices.write({"vocational_school_id": cls.school.id, "training_year": "2"})
        Schedule = cls.env["qnetz.school.schedule"]
        # the school teaches the occupation's 2nd year on Thursdays ...
        Schedule.create({"vocational_school_id": cls.school.id,
                         "occupation_id": cls.occupation.id, "training_year": "2",
                         "mode": "weekdays", "thu": True})
        # ... a 3rd-year class on Mondays, which does not concern these apprentices
        Schedule.create({"vocational_school_id": cls.school.id, "training_year": "3",
                         "mode": "weekdays", "mon": True})
        # one apprentice goes on Fridays instead (own schedule replaces the school's)
        Schedule.create({"apprentice_id": cls.apprentices[1].id, "mode": "weekdays",
                         "fri": True})
        # the Holzminden apprentice is at school in block weeks
        cls.block_apprentice = cls.apprentices[4]
        Schedule.create({"apprentice_id": cls.block_apprentice.id, "mode": "block",
                         "block_ids": [(0, 0, {"date_from": "2028-09-04",
                                               "date_to": "2028-09-15"})]})
        cls.course = cls._create_course(
            date_begin="2028-06-01 06:00:00", date_end="2028-12-20 15:00:00",
            seats_max=10)
        for apprentice in cls.apprentices[0:2] | cls.block_apprentice:
            cls._register(cls.course, apprentice)

    def _holiday_days(self, states, kinds=("public", "school")):
        days = set()
        for holiday in self.env["qnetz.holiday"].search(
                [("state_id", "in", states.ids), ("kind", "in", kinds)]):
            day = fields.Date.from_string(holiday.date_from)
            while day <= fields.Date.from_string(holiday.date_to):
                days.add(day)
                day += timedelta(days=1)
        return days
