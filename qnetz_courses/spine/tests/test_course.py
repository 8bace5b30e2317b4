from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ...tests.common import QnetzCoursesCase


class TestCourse(QnetzCoursesCase):

    def test_new_course_takes_the_default_size_from_the_parameters(self):
        Params = self.env["ir.config_parameter"].sudo()
        Params.set_param("qnetz_courses.default_seats_min", "5")
        Params.set_param("qnetz_courses.default_seats_max", "10")
        action = self.env.ref("qnetz_courses.qnetz_course_action")
        defaults = self.env["event.event"].with_context(
            **safe_eval(action.context)).default_get(["seats_min", "seats_max"])
        self.assertEqual((defaults["seats_min"], defaults["seats_max"]), (5, 10))
        # a size the context names is kept
        defaults = self.env["event.event"].with_context(
            default_is_qnetz_course=True, default_seats_max=20).default_get(["seats_max"])
        self.assertEqual(defaults["seats_max"], 20)

    def test_course_is_limited_event(self):
        course = self._create_course()
        self.assertEqual(course.seats_availability, "limited")
        self.assertEqual(course.state, "draft")

    def test_waiting_list_beyond_maximum_and_move_up(self):
        course = self._create_course(seats_max=2, seats_min=1)
        first = self._register(course, self.apprentices[0])
        second = self._register(course, self.apprentices[1])
        third = self._register(course, self.apprentices[2])
        fourth = self._register(course, self.apprentices[3])
        self.assertEqual((first | second).mapped("state"), ["open", "open"])
        self.assertEqual(third.state, "waiting")
        self.assertEqual(fourth.state, "waiting")
        self.assertEqual(course.seats_waiting, 2)
        self.assertEqual(course.seats_available, 0)
        # the registration carries the apprentice's data and employer
        self.assertEqual(first.partner_id, self.apprentices[0])
        self.assertEqual(first.paying_partner_id, self.company_a)
        first.action_cancel_registration()
        self.assertEqual(third.state, "open", "first on the waiting list moves up")
        self.assertEqual(fourth.state, "waiting")
        self.assertEqual(course.seats_available, 0)
        self.assertTrue(third.message_ids.filtered(
            lambda m: "Warteliste" in (m.body or "") or "waiting list" in (m.body or "")))

    def test_same_apprentice_twice_refused(self):
        course = self._create_course()
        self._register(course, self.apprentices[0])
        with self.assertRaisesRegex(ValidationError, "Azubi Test 0 ist bereits .* angemeldet"):
            self._register(course, self.apprentices[0])

    def test_cancelled_apprentice_can_register_again(self):
        course = self._create_course()
        registration = self._register(course, self.apprentices[0])
        registration.action_cancel_registration()
        again = self._register(course, self.apprentices[0])
        self.assertEqual(again.state, "open")

    def test_confirm_below_minimum_needs_logged_override(self):
        course = self._create_course(seats_min=3)
        self._register(course, self.apprentices[0])
        self.assertTrue(course.below_minimum)
        with self.assertRaisesRegex(UserError, "1 von mindestens 3 Teilnehmenden"):
            course.button_confirm()
        self.assertEqual(course.state, "draft")
        messages_before = len(course.message_ids)
        course.action_confirm_below_minimum()
        self.assertEqual(course.state, "confirm")
        self.assertTrue(course.min_override)
        self.assertGreater(len(course.message_ids), messages_before)

    def test_workflow_and_needs(self):
        course = self._create_course(seats_min=1)
        need = self.env["qnetz.need"].create({
            "partner_id": self.company_a.id, "area": "practice", "topic": "Hydraulik",
            "occupation_id": self.occupation.id, "participant_count": 1})
        need.action_qualify()
        need.write({"state": "bundled", "course_id": course.id})
        self._register(course, self.apprentices[0], need_id=need.id)
        course.button_confirm()
        self.assertEqual(course.state, "confirm")
        self._begin(course)
        self.assertEqual(course.state, "running")
        with self.assertRaises(UserError):
            course.action_start()
        course.button_done()
        self.assertEqual(course.state, "done")
        self.assertEqual(need.state, "served")

    def test_cancel_course_reopens_needs(self):
        course = self._create_course(seats_min=1)
        need = self.env["qnetz.need"].create({
            "partner_id": self.company_a.id, "area": "practice", "topic": "Hydraulik",
            "participant_count": 1})
        need.action_qualify()
        need.write({"state": "bundled", "course_id": course.id})
        registration = self._register(course, self.apprentices[0])
        course.button_cancel()
        self.assertEqual(course.state, "cancel")
        self.assertEqual(registration.state, "cancel")
        self.assertEqual(need.state, "qualified")
        self.assertFalse(need.course_id)

    def test_bad_fees_refused(self):
        with self.assertRaisesRegex(ValidationError, "Gebühr: .* nicht unter null"):
            self._create_course(fee_amount=-1.0)
        with self.assertRaisesRegex(ValidationError, "Förderanteil .*: 120.* kein Prozentsatz"):
            self._create_course(funding_share=120.0)
        with self.assertRaisesRegex(ValidationError, "Förderanteil"):
            self._create_course(funding_share=-5.0)
        course = self._create_course(funding_share=100.0)
        self.assertEqual(course.funding_share, 100.0)

    def test_provider_must_be_provider(self):
        with self.assertRaises(ValidationError):
            self._create_course(provider_id=self.company_a.id)

    def test_overlapping_sessions_at_same_venue_refused(self):
        Session = self.env["qnetz.course.session"]
        course = self._create_course()
        other = self._create_course(name="Pneumatik")
        elsewhere = self._create_course(name="Elektro", address_id=self.venue_2.id)
        Session.create({"event_id": course.id, "date_begin": "2030-03-02 07:00:00",
                        "date_end": "2030-03-02 11:00:00"})
        with self.assertRaisesRegex(ValidationError, "Hydraulik|Pneumatik"), \
                self.env.cr.savepoint():
            Session.create({"event_id": other.id, "date_begin": "2030-03-02 10:00:00",
                            "date_end": "2030-03-02 12:00:00"})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Session.create({"event_id": course.id, "date_begin": "2030-03-02 08:00:00",
                            "date_end": "2030-03-02 09:00:00"})
        # back to back is fine, and so is another venue at the same time
        Session.create({"event_id": other.id, "date_begin": "2030-03-02 11:00:00",
                        "date_end": "2030-03-02 13:00:00"})
        Session.create({"event_id": elsewhere.id, "date_begin": "2030-03-02 07:00:00",
                        "date_end": "2030-03-02 11:00:00"})
        self.assertEqual(course.total_hours, 4.0)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Session.create({"event_id": course.id, "date_begin": "2030-03-03 10:00:00",
                            "date_end": "2030-03-03 09:00:00"})

    def test_full_course_does_not_block_course_creation(self):
        course = self._create_course(seats_max=1, seats_min=1)
        self._register(course, self.apprentices[0])
        waiting = self._register(course, self.apprentices[1])
        with self.assertRaises(UserError):
            waiting.action_move_up()
        course.write({"seats_max": 2})
        waiting.action_move_up()
        self.assertEqual(waiting.state, "open")

    def test_participants_are_informed(self):
        course = self._create_course(seats_max=1, seats_min=1)
        first = self._register(course, self.apprentices[0])
        waiting = self._register(course, self.apprentices[1])

        def subjects(registration):
            return " ".join(s for s in registration.message_ids.mapped("subject") if s)

        templates = {
            kind: self.env.ref("qnetz_courses.mail_template_%s" % kind)
            for kind in ("registration_confirmed", "registration_waiting",
                         "registration_moved_up", "course_cancelled")}
        for template in templates.values():
            self.assertEqual(template.model_id.model, "event.registration")
        self.assertIn(course.name, subjects(first))
        self.assertEqual(len(first.message_ids.filtered("subject")), 1)
        self.assertEqual(len(waiting.message_ids.filtered("subject")), 1)
        first.action_cancel_registration()
        self.assertEqual(waiting.state, "open")
        self.assertEqual(len(waiting.message_ids.filtered("subject")), 2)
        course.button_cancel()
        self.assertEqual(len(waiting.message_ids.filtered("subject")), 3)
        self.assertIn(course.name, subjects(waiting))
