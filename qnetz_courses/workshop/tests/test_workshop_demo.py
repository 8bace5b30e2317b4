from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase


class TestWorkshopDemo(TransactionCase):
    """The demo shows the whole picture: a school's and a provider's workshop, a practical
    course holding the school's lathes, two companies' practice bookings and a refused one;
    and the database refuses to book a lathe the course holds."""

    def test_demo_course_holds_the_lathes_and_a_double_booking_is_refused(self):
        ref = self.env.ref
        course = ref("qnetz_courses.course_cnc_turning_practice_demo")
        self.assertEqual(course.workshop_id, ref("qnetz_courses.workshop_bbs_metal_demo"))
        session = ref("qnetz_courses.course_cnc_turning_session_1_demo")
        self.assertEqual(sum(session.machine_booking_ids.mapped("places")), 6)
        companies = self.env["qnetz.practice.booking"].search([
            ("state", "in", ("requested", "confirmed"))]).mapped("company_id")
        self.assertGreaterEqual(len(companies), 2)
        self.assertTrue(ref("qnetz_courses.practice_booking_refused_demo").state == "refused")
        with self.assertRaises(ValidationError):
            self.env["qnetz.machine.booking"].create({
                "machine_id": ref("qnetz_courses.machine_bbs_lathe_1_demo").id,
                "kind": "practice", "date_start": session.date_begin,
                "date_stop": session.date_end})
