"""Without outgoing mail settings, mail waits and the coordinators are told why."""
from unittest.mock import patch

from odoo.tools import config

from .common import QnetzCase


class TestMailQueueWithoutServer(QnetzCase):

    def test_mail_stays_queued_and_coordinators_get_a_todo(self):
        self.env["ir.mail_server"].search([]).unlink()
        mail = self.env["mail.mail"].create({
            "subject": "Kurs", "email_to": "someone@example.com", "body_html": "<p>Hallo</p>"})
        with patch.dict(config.options, {"smtp_server": False}):
            self.env["mail.mail"].process_email_queue()
            mail.send()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(mail.state, "outgoing")
        todos = self.env["mail.activity"].search([
            ("user_id", "=", self.coordinator.id),
            ("summary", "=", "Der E-Mail-Versand ist nicht eingerichtet")])
        self.assertEqual(len(todos), 1)
        self.assertIn("SMTP_HOST", todos.note)

    def test_with_a_server_mail_is_sent_as_usual(self):
        with patch.dict(config.options, {"smtp_server": "localhost"}):
            self.assertTrue(self.env["mail.mail"]._qnetz_outgoing_configured())
