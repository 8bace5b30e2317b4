from ...tests.common import QnetzCoursesCase


class TestAnonymiseCourses(QnetzCoursesCase):
    """Anonymising a participant scrubs the name where courses copied it, and keeps the
    counts and amounts."""

    def test_registration_invoice_line_and_chatter_are_scrubbed(self):
        course = self._create_course(seats_min=1)
        person, other = self.apprentices[0], self.apprentices[1]
        registration = self._register(course, person)
        kept = self._register(course, other)
        course.button_confirm()
        self._begin(course)
        registration.with_context(tracking_disable=False).message_post(
            body="<p>Rückruf bei %s wegen der Prüfung</p>" % person.name)
        invoices = course._qnetz_bill_registrations()
        line = invoices.mapped("invoice_line_ids").filtered(
            lambda l: l.registration_id == registration)
        self.assertIn(person.name, line.name)
        # posted: the journal items and, on an analytic account, the analytic lines copy
        # the line's label
        analytic = self.env["account.analytic.account"].create({"name": "Testprojekt"})
        invoices.mapped("invoice_line_ids").write({"account_analytic_id": analytic.id})
        invoices.action_invoice_open()
        move_lines = invoices.mapped("move_id.line_ids").filtered(
            lambda l: person.name in (l.name or ""))
        self.assertTrue(move_lines)
        analytic_lines = self.env["account.analytic.line"].search(
            [("move_id", "in", move_lines.ids)])
        self.assertTrue(analytic_lines)
        self.assertIn(person.name, analytic_lines[0].name)
        amounts = sorted(invoices.mapped("amount_total"))
        journal_total = sum(move_lines.mapped("debit")) + sum(move_lines.mapped("credit"))
        participants = course.seats_used + course.seats_reserved

        name = person.name
        person.action_qnetz_anonymise()
        self.env.cache.invalidate()
        self.assertNotIn(name, registration.name)
        self.assertFalse(registration.email)
        self.assertNotIn(name, line.name)
        for move_line in move_lines:
            self.assertNotIn(name, move_line.name)
        for analytic_line in analytic_lines:
            self.assertNotIn(name, analytic_line.name)
        self.assertEqual(sum(move_lines.mapped("debit")) + sum(move_lines.mapped("credit")),
                         journal_total)
        for message in registration.message_ids:
            self.assertNotIn(name, message.body or "")
        # the other participant, the counts and the money stay as they were
        self.assertEqual(kept.name, other.name)
        self.assertEqual(sorted(invoices.mapped("amount_total")), amounts)
        self.assertEqual(course.seats_used + course.seats_reserved, participants)
        self.assertEqual(registration.apprentice_id, person)
