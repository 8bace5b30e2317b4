from odoo.exceptions import AccessError

from ...tests.common import QnetzCoursesCase


class TestSecurity(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(TestSecurity, cls).setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.coordinator = cls.env.ref("qnetz_base.user_coordinator_demo")
        cls.network_user = Users.create({
            "name": "Netzwerk Leserin", "login": "qnetz_courses_reader",
            "groups_id": [(6, 0, [cls.env.ref("qnetz_base.group_qnetz_user").id])]})
        cls.portal_user = Users.create({
            "name": "Portal Betrieb", "login": "qnetz_courses_portal",
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls.internal_user = Users.create({
            "name": "Andere Abteilung", "login": "qnetz_courses_internal",
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])]})

    def test_coordinator_runs_a_course_and_bills_it(self):
        Event = self.env["event.event"].sudo(self.coordinator)
        course = Event.create({
            "name": "Kurs der Koordination", "is_qnetz_course": True,
            "provider_id": self.provider.id, "address_id": self.venue_2.id,
            "date_begin": "2030-06-01 07:00:00", "date_end": "2030-06-02 15:00:00",
            "seats_min": 1, "seats_max": 5, "fee_amount": 100.0, "provider_fee": 400.0})
        session = self.env["qnetz.course.session"].sudo(self.coordinator).create({
            "event_id": course.id, "date_begin": "2030-06-01 07:00:00",
            "date_end": "2030-06-01 15:00:00"})
        registration = self.env["event.registration"].sudo(self.coordinator).create({
            "event_id": course.id, "apprentice_id": self.apprentices[0].id})
        session.action_fill_attendance()
        course.button_confirm()
        course.action_start()
        invoices = course._qnetz_bill_registrations()
        bills = course._qnetz_create_provider_bill()
        self.assertEqual(invoices.amount_total, 100.0)
        self.assertEqual(bills.amount_total, 400.0)
        self.assertTrue(registration.certificate_eligible)
        self.assertTrue(self.env["qnetz.bundle.proposal"].sudo(self.coordinator)
                        .check_access_rights("read", raise_exception=False))

    def test_network_user_reads_but_does_not_change(self):
        course = self._create_course()
        for model in ("event.event", "event.registration", "qnetz.course.session",
                      "qnetz.attendance", "qnetz.bundle.proposal"):
            Model = self.env[model].sudo(self.network_user)
            self.assertTrue(Model.check_access_rights("read", raise_exception=False), model)
        for model in ("qnetz.course.session", "qnetz.attendance"):
            Model = self.env[model].sudo(self.network_user)
            self.assertFalse(Model.check_access_rights("write", raise_exception=False), model)
            self.assertFalse(Model.check_access_rights("create", raise_exception=False), model)
        self.assertEqual(course.sudo(self.network_user).name, "Hydraulik Grundlagen")
        with self.assertRaises(AccessError):
            self.env["qnetz.course.session"].sudo(self.network_user).create({
                "event_id": course.id, "date_begin": "2030-06-01 07:00:00",
                "date_end": "2030-06-01 09:00:00"})

    def test_portal_and_other_users_see_nothing(self):
        course = self._create_course(seats_min=1)
        session = self.env["qnetz.course.session"].create({
            "event_id": course.id, "date_begin": "2030-06-01 07:00:00",
            "date_end": "2030-06-01 09:00:00"})
        self._register(course, self.apprentices[0])
        session.action_fill_attendance()
        models = ("qnetz.course.session", "qnetz.attendance", "qnetz.bundle.proposal")
        for model in models:
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.internal_user).check_access_rights("read")
        # qnetz_portal may open these models to portal users (published course dates,
        # their own company's attendance); a portal user of no company sees no
        # attendance and nothing of a course that is still being planned
        Attendance = self.env["qnetz.attendance"].sudo(self.portal_user)
        if Attendance.check_access_rights("read", raise_exception=False):
            self.assertFalse(Attendance.search([]))
        Session = self.env["qnetz.course.session"].sudo(self.portal_user)
        if Session.check_access_rights("read", raise_exception=False):
            self.assertFalse(Session.search([("event_id", "=", course.id)]))

    def test_company_rules_exist(self):
        for model in ("qnetz.course.session", "qnetz.attendance", "qnetz.bundle.proposal"):
            rules = self.env["ir.rule"].search([("model_id.model", "=", model)])
            self.assertTrue(rules, model)
            session_of_other_company = self.env[model].search([]).filtered(
                lambda r: r.company_id and r.company_id != self.env.user.company_id)
            self.assertFalse(session_of_other_company)
