import socket
import threading

try:
    # a test requirement (requirements-test.txt), not the addon's
    from aiosmtpd.controller import Controller  # pylint: disable=missing-manifest-dependency
except ImportError:
    Controller = None

from odoo import tools

from ...tests.common import QnetzCoursesCase


def free_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


class SmtpRecorder(object):
    """A mail server's answers: accepts every recipient but the refused ones."""

    def __init__(self):
        self.refused = set()
        self.delivered = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.delivered.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


class TestMailState(QnetzCoursesCase):
    """'Sent' is what a real SMTP server (started here, on a loopback port) accepted."""

    @classmethod
    def setUpClass(cls):
        super(TestMailState, cls).setUpClass()
        if Controller is None:
            raise RuntimeError("aiosmtpd is missing: pip install -r requirements-test.txt")
        cls.smtp = SmtpRecorder()
        cls.port = free_port()
        cls.controller = Controller(cls.smtp, hostname="127.0.0.1", port=cls.port)
        cls.controller.start()
        cls.env["ir.mail_server"].search([]).write({"active": False})
        cls.server = cls.env["ir.mail_server"].create({
            "name": "Test-SMTP", "smtp_host": "127.0.0.1", "smtp_port": cls.port,
            "smtp_encryption": "none", "sequence": 1})
        cls.company_a.email = "ausbildung@testbetrieb.example"
        cls.company_b.email = "unbekannt@testwerk.example"
        cls.course = cls._create_course(seats_min=1, seats_max=10)
        for apprentice in cls.apprentices[:5]:
            cls._register(cls.course, apprentice)
        cls.course.button_confirm()
        cls._begin(cls.course)

    @classmethod
    def tearDownClass(cls):
        cls.controller.stop()
        super(TestMailState, cls).tearDownClass()

    def setUp(self):
        super(TestMailState, self).setUp()
        self.smtp.refused.clear()
        del self.smtp.delivered[:]

    def _run_queue(self, invoices):
        """What the mail queue's cron does, without its commits. Odoo's test mode skips
        the SMTP connection; here the mail must really go to the server."""
        thread = threading.current_thread()
        testing = getattr(thread, "testing", False)
        thread.testing = False
        try:
            self.env["account.invoice"]._qnetz_write_requested_mails()
            self.env["mail.mail"].search([
                ("model", "=", "account.invoice"), ("res_id", "in", invoices.ids),
                ("state", "=", "outgoing")]).send()
        finally:
            thread.testing = testing

    def _bill_and_send(self):
        self.course.action_qnetz_bill_and_send()
        invoices = self.env["account.invoice"].search([("course_id", "=", self.course.id),
                                                       ("type", "=", "out_invoice")])
        accepted = invoices.filtered(lambda i: i.partner_id == self.company_a)
        return accepted, invoices - accepted

    def test_sent_only_when_the_server_accepted_it(self):
        self.smtp.refused.add(self.company_b.email)
        accepted, refused = self._bill_and_send()
        self.assertEqual((accepted | refused).mapped("mail_state"), ["queued", "queued"])
        self.assertFalse((accepted | refused).filtered("sent"), "nothing is sent yet")
        self._run_queue(accepted | refused)
        self.assertIn(self.company_a.email, self.smtp.delivered)
        self.assertNotIn(self.company_b.email, self.smtp.delivered)
        self.assertEqual(accepted.mail_state, "sent")
        self.assertTrue(accepted.sent)
        self.assertEqual(refused.mail_state, "failed")
        self.assertFalse(refused.sent)
        self.assertIn("550", refused.mail_failure)
        # the course and the coordinator's to-dos say so
        self.assertEqual(self.course.mail_problem_count, 1)
        todo = self.env["mail.activity"].search([
            ("res_model", "=", "account.invoice"), ("res_id", "=", refused.id)])
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        self.assertIn(coordinator, todo.mapped("user_id"))
        self.assertIn(refused.partner_id.name, todo[0].note)
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "account.invoice"), ("res_id", "=", accepted.id)]))
        # the address is corrected, the mail sent again: delivered, the to-do done
        self.company_b.email = "buero@testwerk.example"
        self.course.action_qnetz_retry_mail()
        self.assertEqual(refused.mail_state, "queued")
        self._run_queue(refused)
        self.assertIn("buero@testwerk.example", self.smtp.delivered)
        self.assertEqual(refused.mail_state, "sent")
        self.assertTrue(refused.sent)
        self.assertEqual(self.course.mail_problem_count, 0)
        self.assertFalse(todo.exists())

    def test_no_server_reachable_is_not_sent(self):
        closed = free_port()
        self.server.smtp_port = closed
        accepted, refused = self._bill_and_send()
        self._run_queue(accepted | refused)
        self.assertEqual((accepted | refused).mapped("mail_state"), ["failed", "failed"])
        self.assertFalse((accepted | refused).filtered("sent"))
        self.assertEqual(self.course.mail_problem_count, 2)
        self.server.smtp_port = self.port
        accepted.action_qnetz_retry_mail()
        self._run_queue(accepted)
        self.assertEqual(accepted.mail_state, "sent")

    def test_held_without_a_mail_server(self):
        self.server.active = False
        smtp_server = tools.config.get("smtp_server")
        tools.config["smtp_server"] = False
        try:
            accepted, refused = self._bill_and_send()
            self._run_queue(accepted | refused)
        finally:
            tools.config["smtp_server"] = smtp_server
        self.assertEqual((accepted | refused).mapped("mail_state"), ["held", "held"])
        self.assertFalse((accepted | refused).filtered("sent"))
        self.assertEqual(self.course.mail_problem_count, 2)

    def test_no_request_waits_for_the_mail_server(self):
        message = self.course.message_post(
            body="Hinweis an den Betrieb", partner_ids=[self.company_a.id],
            message_type="comment", subtype="mail.mt_comment")
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertTrue(mails, "the notification is queued")
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "not sent in the request")
        self.assertFalse(self.smtp.delivered)
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "minutes"),
                         "the queue runs every minute")
