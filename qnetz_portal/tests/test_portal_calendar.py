import vobject

from .common import PortalCase


class TestPortalCalendarAndEvidence(PortalCase):

    def setUp(self):
        super(TestPortalCalendarAndEvidence, self).setUp()
        other_provider = self.env["res.partner"].create({
            "name": "Andere Akademie", "is_company": True, "is_education_provider": True})
        self.course_a = self.make_course(name="Kurs für Albers", days=30)
        self.course_b = self.make_course(name="Kurs für Bode", days=40,
                                         provider=other_provider)
        Registration = self.env["event.registration"]
        self.reg_a = Registration.create({"event_id": self.course_a.id,
                                          "apprentice_id": self.apprentice_a1.id})
        self.reg_b = Registration.create({"event_id": self.course_b.id,
                                          "apprentice_id": self.apprentice_b1.id})

    def summaries(self, text):
        calendar = vobject.readOne(text)
        events = calendar.contents.get("vevent", [])
        for event in events:
            self.assertIn(event.dtstart.value.tzname(), ("CET", "CEST"))
        if events:
            self.assertIn("DTSTART;TZID=Europe/Berlin:", text)
        return sorted({e.summary.value.split(":")[0] for e in events})

    def test_course_calendar_holds_own_courses_only(self):
        self.login(self.user_a)
        response = self.get("/my/kalender.ics")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/calendar", response.headers["Content-Type"])
        self.assertEqual(self.summaries(response.text), ["Kurs für Albers"])
        self.login(self.user_b)
        self.assertEqual(self.summaries(self.get("/my/kalender.ics").text), ["Kurs für Bode"])
        self.login(self.user_p)
        self.assertEqual(self.summaries(self.get("/my/kalender.ics").text),
                         ["Kurs für Albers"])
        # the model method decides, also when called over RPC
        self.login(self.user_b)
        result = self.call_kw(self.opener, "event.event", "qnetz_portal_ics")
        self.assertEqual(self.summaries(result["result"]), ["Kurs für Bode"])

    def test_internal_user_gets_no_portal_calendar(self):
        self.authenticate(self.coordinator.login, "koordination")
        result = self.call_kw(self.opener, "event.event", "qnetz_portal_ics")
        self.assertIn("error", result)
        self.assertEqual(self.get("/my/kalender.ics").status_code, 403)

    def test_public_course_calendar_in_catalogue(self):
        catalogue = self.get("/wegweiser/kurse")
        self.assertIn("/wegweiser/kurse/%d/kalender.ics" % self.course_a.id, catalogue.text)
        response = self.get("/wegweiser/kurse/%d/kalender.ics" % self.course_a.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.summaries(response.text), ["Kurs für Albers"])
        self.assertNotIn("Lena", response.text)
        draft = self.make_course(name="Noch geplant", confirm=False, days=50)
        self.assertEqual(
            self.get("/wegweiser/kurse/%d/kalender.ics" % draft.id).status_code, 404)

    def test_absences_page_shows_own_apprentices(self):
        session = self.course_a.session_ids[0]
        # mail waits in the queue: only the mail of this absence counts
        before = self.env["mail.mail"].search([], order="id desc", limit=1).id or 0
        self.env["qnetz.attendance"].create({
            "session_id": session.id, "registration_id": self.reg_a.id, "status": "absent"})
        mail = self.env["mail.mail"].search([("subject", "ilike", "Abwesenheit"),
                                             ("id", ">", before)])
        self.assertEqual(mail.recipient_ids, self.company_a)
        self.login(self.user_a)
        page = self.get("/my/abwesenheiten")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lena Albrecht", page.text)
        self.login(self.user_b)
        page = self.get("/my/abwesenheiten")
        self.assertNotIn("Lena Albrecht", page.text)
        self.login(self.user_p)
        self.assertEqual(self.get("/my/abwesenheiten").status_code, 403)

    def test_calendars_and_register_are_network_data(self):
        self.env["qnetz.certificate"]._qnetz_issue(self.reg_a)
        self.env["qnetz.school.schedule"].create({
            "apprentice_id": self.apprentice_a1.id, "mode": "weekdays", "mon": True})
        self.login(self.user_a)
        for model in ("qnetz.certificate", "qnetz.school.schedule", "qnetz.holiday",
                      "qnetz.school.block"):
            result = self.call_kw(self.opener, model, "search_read", [[]], {"fields": ["id"]})
            self.assertIn("error", result, model)
        result = self.call_kw(self.opener, "qnetz.holiday", "action_compute_public_year", [2031])
        self.assertIn("error", result)
        # the network reader follows figures, not the coordinator's calendars
        self.authenticate("netzwerk", "netzwerk")
        result = self.call_kw(self.opener, "qnetz.holiday", "search_read", [[]],
                              {"fields": ["name"]})
        self.assertIn("error", result)
        result = self.call_kw(self.opener, "qnetz.holiday", "create", [{
            "name": "Erfunden", "state_id": self.hoexter.state_id.id,
            "date_from": "2031-01-02", "date_to": "2031-01-02"}])
        self.assertIn("error", result)
        result = self.call_kw(self.opener, "qnetz.holiday", "action_compute_public_year", [2031])
        self.assertIn("error", result)
        self.authenticate(self.coordinator.login, "koordination")
        result = self.call_kw(self.opener, "qnetz.holiday", "action_compute_public_year", [2031])
        self.assertTrue(result.get("result"), result)
        self.assertTrue(self.env["qnetz.holiday"].search_count([("year", "=", 2031)]))
