import base64
from datetime import date, datetime

import pytz
import vobject

from ...tests.common import QnetzCoursesCase

BERLIN = pytz.timezone("Europe/Berlin")


class NotifyCase(QnetzCoursesCase):

    @classmethod
    def setUpClass(cls):
        super(NotifyCase, cls).setUpClass()
        Partner = cls.env["res.partner"]
        cls.contact_a = Partner.create({
            "name": "Ausbilderin Brakel", "parent_id": cls.company_a.id,
            "email": "ausbildung@brakel.example.com"})
        cls.company_a.training_contact_id = cls.contact_a
        cls.company_b.email = "info@bevern.example.com"
        cls.provider.email = "kurse@testbildung.example.com"
        cls.venue.write({"street": "Am Markt 1", "zip": "37671"})
        cls.coordinator = cls.env["res.users"].create({
            "name": "Koordination Test", "login": "koordination_test",
            "email": "koordination@example.com",
            "groups_id": [(6, 0, [cls.env.ref("qnetz_base.group_qnetz_coordinator").id,
                                  cls.env.ref("base.group_user").id])]})
        cls.course = cls._create_course(user_id=cls.coordinator.id, seats_min=2,
                                        date_begin="2030-03-05 15:00:00",
                                        date_end="2030-03-12 18:00:00")
        cls.reg_a = cls._register(cls.course, cls.apprentices[0])
        cls.reg_b = cls._register(cls.course, cls.apprentices[4])
        Session = cls.env["qnetz.course.session"]
        cls.session_1 = Session.create({"event_id": cls.course.id,
                                        "date_begin": "2030-03-05 15:00:00",
                                        "date_end": "2030-03-05 18:00:00"})
        cls.session_2 = Session.create({"event_id": cls.course.id,
                                        "date_begin": "2030-03-12 15:00:00",
                                        "date_end": "2030-03-12 18:00:00"})

    def _mails(self, subject_part):
        return self.env["mail.mail"].search([("model", "=", "event.event"),
                                             ("res_id", "=", self.course.id),
                                             ("subject", "ilike", subject_part)])


class TestReminders(NotifyCase):

    def test_reminder_mail_with_ics(self):
        self.course.button_confirm()
        Event = self.env["event.event"]
        self.assertFalse(Event._qnetz_cron_send_reminders(now="2030-03-01 12:00:00"),
                         "more than 48 hours ahead: nothing yet")
        mails = Event._qnetz_cron_send_reminders(now="2030-03-04 12:00:00")
        self.assertEqual(len(mails), 1)
        mail = mails
        self.assertEqual(mail.subject, "Erinnerung: Hydraulik Grundlagen am 05.03.2030 um 16:00")
        self.assertIn("Ort: Schulungsraum Testbildung, Am Markt 1, 37671 Höxter",
                      mail.body_html)
        self.assertIn("Testbildung Höxter e.V.", mail.body_html)
        self.assertEqual(
            set(mail.recipient_ids.mapped("email")),
            {"azubi0@example.com", "azubi4@example.com", "ausbildung@brakel.example.com",
             "info@bevern.example.com", "kurse@testbildung.example.com"})
        # the calendar entry: Europe/Berlin, 16:00 to 19:00 local time (CET)
        attachment = mail.attachment_ids
        self.assertEqual(attachment.mimetype, "text/calendar")
        cal = vobject.readOne(base64.b64decode(attachment.datas).decode("utf-8"))
        event = cal.vevent
        self.assertEqual(event.dtstart.value.tzinfo.tzname(event.dtstart.value), "CET")
        self.assertEqual(event.dtstart.value.replace(tzinfo=None), datetime(2030, 3, 5, 16, 0))
        self.assertEqual(event.dtend.value.replace(tzinfo=None), datetime(2030, 3, 5, 19, 0))
        self.assertIn("DTSTART;TZID=Europe/Berlin:20300305T160000",
                      base64.b64decode(attachment.datas).decode("utf-8"))
        self.assertEqual(event.summary.value, "Hydraulik Grundlagen")
        self.assertIn("Am Markt 1", event.location.value)
        # sent once only
        self.assertFalse(Event._qnetz_cron_send_reminders(now="2030-03-04 13:00:00"))
        self.assertTrue(self.session_1.reminder_sent)
        self.assertFalse(self.session_2.reminder_sent)

    def test_no_reminder_for_planned_course_or_zero_hours(self):
        Event = self.env["event.event"]
        self.assertFalse(Event._qnetz_cron_send_reminders(now="2030-03-04 12:00:00"))
        self.course.button_confirm()
        self.course.reminder_hours = 0
        self.assertFalse(Event._qnetz_cron_send_reminders(now="2030-03-04 12:00:00"))

    def test_course_calendar_summer_time(self):
        self.session_2.write({"date_begin": "2030-06-04 14:00:00",
                              "date_end": "2030-06-04 17:00:00"})
        cal = vobject.readOne(self.course._qnetz_ics().decode("utf-8"))
        starts = sorted(e.dtstart.value.replace(tzinfo=None) for e in cal.vevent_list)
        self.assertEqual(starts, [datetime(2030, 3, 5, 16, 0), datetime(2030, 6, 4, 16, 0)])


class TestGoNoGo(NotifyCase):

    def test_default_date_ten_days_before(self):
        self.assertEqual(self.course.go_date, "2030-02-23")

    def test_warn_ahead_then_ask_coordinator(self):
        self.reg_b.action_cancel_registration()
        self.assertTrue(self.course.below_minimum)
        Event = self.env["event.event"]
        Event._qnetz_cron_go_no_go(today=date(2030, 2, 10))
        self.assertFalse(self.course.go_warned, "not yet within a week")
        Event._qnetz_cron_go_no_go(today=date(2030, 2, 20))
        self.assertEqual(self.course.go_warned, "2030-02-20")
        warning = self.course.message_ids.filtered(lambda m: "go/no-go" in (m.body or "").lower())
        self.assertTrue(warning)
        self.assertIn(self.coordinator.partner_id, warning[0].partner_ids)
        self.assertTrue(warning[0].subtype_id.internal,
                        "an internal note: it names the companies, the portal reads comments")
        self.assertIn("1 von mindestens 2", warning[0].body)
        Event._qnetz_cron_go_no_go(today=date(2030, 2, 23))
        self.assertEqual(self.course.go_state, "decide")
        self.assertEqual(self.course.state, "draft")
        activity = self.env["mail.activity"].search([("res_model", "=", "event.event"),
                                                     ("res_id", "=", self.course.id)])
        self.assertEqual(activity.user_id, self.coordinator)
        told = self._mails("noch nicht sicher")
        self.assertEqual(told.recipient_ids, self.contact_a)
        # the coordinator cancels: the company hears it
        self.course.button_cancel()
        cancelled = self._mails("findet nicht statt")
        self.assertEqual(cancelled.recipient_ids, self.contact_a)

    def test_confirmed_on_the_date_when_minimum_reached(self):
        self.assertFalse(self.course.below_minimum)
        self.env["event.event"]._qnetz_cron_go_no_go(today=date(2030, 2, 23))
        self.assertEqual(self.course.state, "confirm")
        self.assertEqual(self.course.go_state, "go")
        mail = self._mails("findet statt")
        self.assertEqual(set(mail.recipient_ids.mapped("email")),
                         {"ausbildung@brakel.example.com", "info@bevern.example.com"})
        self.assertIn("findet wie geplant ab dem 05.03.2030 statt", mail.body_html)


class TestAbsence(NotifyCase):

    def test_absence_tells_company_and_twice_the_coordinator(self):
        Attendance = self.env["qnetz.attendance"]
        Attendance.create({"session_id": self.session_1.id, "registration_id": self.reg_a.id,
                           "status": "absent"})
        mail = self._mails("Abwesenheit")
        self.assertEqual(mail.recipient_ids, self.contact_a)
        self.assertIn("Azubi Test 0 hat unentschuldigt", mail.body_html)
        activities = self.env["mail.activity"].search([("res_model", "=", "event.event"),
                                                       ("res_id", "=", self.course.id)])
        self.assertFalse(activities)
        second = Attendance.create({"session_id": self.session_2.id,
                                    "registration_id": self.reg_a.id, "status": "present"})
        self.assertEqual(len(self._mails("Abwesenheit")), 1, "present: nobody is told")
        second.status = "absent"
        self.assertEqual(len(self._mails("Abwesenheit")), 2)
        activity = self.env["mail.activity"].search([("res_model", "=", "event.event"),
                                                     ("res_id", "=", self.course.id)])
        self.assertEqual(activity.user_id, self.coordinator)
        self.assertIn("zweimal in Folge", activity.summary)

    def test_excused_absence_tells_nobody(self):
        self.env["qnetz.attendance"].create({
            "session_id": self.session_1.id, "registration_id": self.reg_a.id,
            "status": "excused"})
        self.assertFalse(self._mails("Abwesenheit"))
