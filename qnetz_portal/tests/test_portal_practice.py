from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests.common import HOST, PORT

from odoo.addons.qnetz_courses.workshop.tests.workshop_fixture import create_workshop

from .common import PortalCase


class TestPortalPracticeTime(PortalCase):
    """Open practice time on a provider's machines, over the portal's JSON-RPC as the real
    roles: the provider opens it, a company books places for its apprentices, the
    provider confirms and records the safety briefings, the calendars show it, billing
    follows; another company sees none of it."""

    def setUp(self):
        super(TestPortalPracticeTime, self).setUp()
        self.workshop = create_workshop(self.env, "CNC-Raum Bildungswerk", self.provider, [
            ("machine_type_cnc_lathe", "CNC-Drehmaschine Spinner", 2, 20.0)],
            funding_share=50.0)
        self.lathe = self.workshop.machine_ids
        day = date.today() + timedelta(days=14)
        while day.weekday() == 6:
            day += timedelta(days=1)
        self.day = fields.Date.to_string(day)

    def error(self, answer):
        self.assertIn("error", answer)
        return answer["error"]["data"]["message"]

    def calendar(self, session):
        """The portal calendar (.ics) as the session's user sees it, lines unfolded."""
        self.sync()
        response = session.get("http://%s:%s/my/kalender.ics" % (HOST, PORT), timeout=60)
        self.assertEqual(response.status_code, 200)
        return response.text.replace("\r\n ", "")

    def open_slot(self, provider):
        answer = self.call_kw(provider, "qnetz.machine.booking", "qnetz_portal_open_slot", [{
            "machine_id": self.lathe.id, "day": self.day, "start": "14:00", "end": "17:00",
            "places": 2}])
        self.assertNotIn("error", answer, answer)
        return answer["result"]

    def test_company_books_provider_confirms_calendar_and_billing_follow(self):
        provider = self.rpc_session(self.user_p)
        slot_id = self.open_slot(provider)
        # the same machine cannot be opened twice for overlapping times
        again = self.call_kw(provider, "qnetz.machine.booking", "qnetz_portal_open_slot", [{
            "machine_id": self.lathe.id, "day": self.day, "start": "16:00", "end": "18:00"}])
        self.assertIn("bereits gebucht", self.error(again))

        company_a = self.rpc_session(self.user_a)
        booked = self.call_kw(company_a, "qnetz.practice.booking", "qnetz_portal_book",
                              [slot_id, [self.apprentice_a1.id, self.apprentice_a2.id]])
        self.assertNotIn("error", booked, booked)
        booking = self.env["qnetz.practice.booking"].browse(booked["result"])
        self.assertEqual((booking.state, booking.places, booking.company_id),
                         ("requested", 2, self.company_a))

        # company B: no places left, not A's apprentices, and nothing of A's to see
        company_b = self.rpc_session(self.user_b)
        full = self.call_kw(company_b, "qnetz.practice.booking", "qnetz_portal_book",
                            [slot_id, [self.apprentice_b1.id]])
        self.assertIn("0 frei", self.error(full))
        foreign = self.call_kw(company_b, "qnetz.practice.booking", "qnetz_portal_book",
                               [slot_id, [self.apprentice_a1.id]])
        self.assertIn("eigenen Auszubildenden", self.error(foreign))
        self.assertEqual(self.call_kw(company_b, "qnetz.practice.booking", "search_read",
                                      [[], ["company_id"]])["result"], [])
        self.error(self.call_kw(company_b, "qnetz.practice.booking", "read",
                                [[booking.id], ["apprentice_ids"]]))
        self.error(self.call_kw(company_b, "qnetz.practice.booking",
                                "qnetz_portal_cancel_practice", [[booking.id]]))
        self.error(self.call_kw(company_b, "qnetz.practice.booking",
                                "qnetz_portal_confirm_practice", [[booking.id]]))
        # the slot itself is visible to B (open practice time), its bookings are not
        slot = self.call_kw(company_b, "qnetz.machine.booking", "read",
                            [[slot_id], ["practice_booking_ids", "places_free"]])["result"][0]
        self.assertEqual((slot["practice_booking_ids"], slot["places_free"]), ([], 0))
        # a company cannot confirm its own booking
        self.error(self.call_kw(company_a, "qnetz.practice.booking",
                                "qnetz_portal_confirm_practice", [[booking.id]]))

        self.assertTrue(self.call_kw(provider, "qnetz.practice.booking",
                                     "qnetz_portal_confirm_practice", [[booking.id]])["result"])
        self.assertEqual(booking.briefing_missing_ids,
                         self.apprentice_a1 | self.apprentice_a2)
        self.assertEqual(self.call_kw(provider, "qnetz.practice.booking",
                                      "qnetz_portal_record_briefings",
                                      [[booking.id]])["result"], 2)
        self.assertFalse(booking.briefing_missing_ids)
        # once per apprentice and machine: nothing left to record
        self.assertEqual(self.call_kw(provider, "qnetz.practice.booking",
                                      "qnetz_portal_record_briefings",
                                      [[booking.id]])["result"], 0)

        # the calendars: the company's, the apprentice's, the provider's; not B's
        self.assertIn("Übungszeit: CNC-Drehmaschine Spinner (Lena Albrecht\\, Tim Arndt)",
                      self.calendar(company_a))
        ics = self.call_kw(company_a, "qnetz.practice.booking", "qnetz_portal_apprentice_ics",
                           [self.apprentice_a1.id])["result"].replace("\r\n ", "")
        self.assertIn("SUMMARY:Übungszeit: CNC-Drehmaschine Spinner\r\n", ics)
        self.error(self.call_kw(company_b, "qnetz.practice.booking",
                                "qnetz_portal_apprentice_ics", [self.apprentice_a1.id]))
        self.assertIn("Tischlerei Albers GmbH", self.calendar(provider))
        self.assertNotIn("Übungszeit", self.calendar(company_b))

        # billing: after the practice time, 2 places x 3 hours x 20 EUR, half funded
        self.cr.execute("UPDATE qnetz_machine_booking SET date_start = date_start - "
                        "interval '30 days', date_stop = date_stop - interval '30 days' "
                        "WHERE id = %s", (slot_id,))
        self.cr.execute("UPDATE qnetz_practice_booking SET date_start = date_start - "
                        "interval '30 days', date_stop = date_stop - interval '30 days' "
                        "WHERE id = %s", (booking.id,))
        self.env.cache.invalidate()
        invoices = self.env["qnetz.practice.booking"]._qnetz_bill()
        self.assertEqual(invoices.partner_id, self.company_a)
        line = invoices.invoice_line_ids
        self.assertEqual((line.gross_amount, line.funding_amount, line.price_unit),
                         (120.0, 60.0, 60.0))
        self.assertEqual(line.practice_booking_id, booking)
        self.assertFalse(self.env["qnetz.practice.booking"]._qnetz_bill())

    def test_the_pages_of_the_company_the_provider_and_the_public(self):
        slot_id = self.env["qnetz.machine.booking"].sudo(self.user_p).qnetz_portal_open_slot({
            "machine_id": self.lathe.id, "day": self.day, "start": "14:00", "end": "17:00"})
        # the company books on its page, for one of its apprentices
        self.login(self.user_a)
        page = self.get("/my/uebungszeit")
        self.assertEqual(page.status_code, 200)
        self.assertIn("CNC-Drehmaschine Spinner", page.text)
        self.assertIn("2 Plätze frei", page.text)
        response = self.post("/my/uebungszeit/buchen", {
            "slot_id": str(slot_id), "apprentice_ids": str(self.apprentice_a1.id)},
            form_url="/my/uebungszeit")
        self.assertEqual(response.status_code, 200)
        self.assertIn("an die Werkstatt geschickt", response.text)
        # one is one (qnetz_base.tools.count_text)
        self.assertIn("1 Platz frei", response.text)
        self.assertNotIn("1 Plätze frei", response.text)
        booking = self.env["qnetz.practice.booking"].search([("slot_id", "=", slot_id)])
        self.assertEqual(booking.apprentice_ids, self.apprentice_a1)
        # junk is a message on the page, not a server error
        response = self.post("/my/uebungszeit/buchen", {
            "slot_id": "9" * 40, "apprentice_ids": "abc"}, form_url="/my/uebungszeit")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        # the provider sees the booking with the apprentice and confirms it on its page
        self.login(self.user_p)
        page = self.get("/my/provider/uebungszeit")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lena Albrecht", page.text)
        response = self.post("/my/provider/uebungszeit/%d/bestaetigen" % booking.id, {},
                             form_url="/my/provider/uebungszeit")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(booking.state, "confirmed")
        response = self.post("/my/provider/uebungszeit", {
            "machine_id": str(self.lathe.id), "day": "gestern", "start": "25:99", "end": "",
            "places": "9" * 40})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tag: Bitte ein Datum angeben.", response.text)
        # a company is no provider
        self.login(self.user_a)
        self.assertEqual(self.get("/my/provider/uebungszeit").status_code, 403)
        # the public guide: free places, no names
        self.authenticate(None, None)
        page = self.get("/wegweiser/uebungszeit")
        self.assertEqual(page.status_code, 200)
        self.assertIn("CNC-Raum Bildungswerk", page.text)
        self.assertNotIn("Lena Albrecht", page.text)
        self.assertNotIn("Tischlerei Albers", page.text)

    def test_a_cancelled_practice_time_keeps_the_company_page_and_its_bookings(self):
        Slot = self.env["qnetz.machine.booking"].sudo(self.user_p)
        slot_id = Slot.qnetz_portal_open_slot({
            "machine_id": self.lathe.id, "day": self.day, "start": "14:00", "end": "17:00"})
        booking = self.env["qnetz.practice.booking"].sudo(self.user_a).browse(
            self.env["qnetz.practice.booking"].sudo(self.user_a).qnetz_portal_book(
                slot_id, [self.apprentice_a1.id]))
        booking.sudo(self.user_p).qnetz_portal_refuse_practice()
        Slot.browse(slot_id).qnetz_portal_cancel_slot()
        # the company still sees its (refused) booking on the cancelled practice time
        self.login(self.user_a)
        page = self.get("/my/uebungszeit")
        self.assertEqual(page.status_code, 200)
        self.assertIn("CNC-Drehmaschine Spinner", page.text)
        company_a = self.rpc_session(self.user_a)
        answer = self.call_kw(company_a, "qnetz.practice.booking", "read",
                              [[booking.id], ["display_name", "company_amount"]])
        self.assertNotIn("error", answer, answer)

    def test_an_apprentice_cannot_be_in_two_places_at_once(self):
        Slot = self.env["qnetz.machine.booking"].sudo(self.user_p)
        first = Slot.qnetz_portal_open_slot({
            "machine_id": self.lathe.id, "day": self.day, "start": "14:00", "end": "17:00",
            "places": 1})
        second = Slot.qnetz_portal_open_slot({
            "machine_id": self.lathe.id, "day": self.day, "start": "17:00", "end": "18:00",
            "places": 1})
        Booking = self.env["qnetz.practice.booking"].sudo(self.user_a)
        Booking.qnetz_portal_book(first, [self.apprentice_a1.id])
        # back to back is fine; overlapping is not (another machine, same time)
        Booking.qnetz_portal_book(second, [self.apprentice_a1.id])
        other = create_workshop(self.env, "Zweiter Raum", self.provider, [
            ("machine_type_cnc_lathe", "Zweite Drehmaschine", 1, 20.0)]).machine_ids
        overlapping = Slot.qnetz_portal_open_slot({
            "machine_id": other.id, "day": self.day, "start": "15:00", "end": "16:00"})
        with self.assertRaisesRegex(UserError, "zur selben Zeit|at the same time"):
            Booking.qnetz_portal_book(overlapping, [self.apprentice_a1.id])

    def test_impossible_times_are_messages_on_the_form(self):
        self.login(self.user_p)
        for day, start, end in ((self.day, "14", "24"), (self.day, "1\u00b2", "15"),
                                ("9999-12-31", "14:00", "15:00"),
                                ("2027-03-28", "02:30", "03:30")):
            response = self.post("/my/provider/uebungszeit", {
                "machine_id": str(self.lathe.id), "day": day, "start": start, "end": end,
                "places": "1"})
            self.assertEqual(response.status_code, 200, (day, start, end))
            self.assertIn("o_qnetz_errors", response.text, (day, start, end))
