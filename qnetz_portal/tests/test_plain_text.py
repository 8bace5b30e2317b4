"""What a portal user types (their own name, a reason, a consent) reaches the
coordinator's chatter and to-dos as the text it is: no link, no remote image comes alive."""
from .common import PortalCase

TAGS = ('<a href="http://evil.example/">klick</a>'
        '<img src="http://evil.example/track.png">')


class TestPlainText(PortalCase):

    def assertShownAsText(self, html):
        self.assertNotIn("<a ", html)
        self.assertNotIn("<img", html)
        self.assertIn("&lt;a href=", html)
        self.assertIn("&lt;img src=", html)

    def setUp(self):
        super(TestPlainText, self).setUp()
        # a portal user may call itself anything on "Mein Konto"
        self.user_a.partner_id.name = "Anna " + TAGS
        self.opener = self.rpc_session(self.user_a)

    def test_name_and_withdraw_reason_reach_the_coordinator_as_text(self):
        need = self.env["qnetz.need"].create(self.need_values(self.company_a))
        answer = self.call_kw(self.opener, "qnetz.need", "qnetz_portal_withdraw",
                              [need.ids, "Zu teuer " + TAGS])
        self.assertIs(answer.get("result"), True, answer)
        note = need.message_ids.filtered(lambda m: "Zu teuer" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertShownAsText(note.body)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "qnetz.need"), ("res_id", "=", need.id)])
        self.assertTrue(activity)
        for todo in activity:
            self.assertShownAsText(todo.note)

    def test_consent_reaches_the_chatter_as_text(self):
        answer = self.call_kw(self.opener, "res.partner", "qnetz_portal_add_apprentice", [{
            "name": "Paula Neu", "consent": True, "consent_given_by": "die Eltern " + TAGS,
            "consent_purpose": "Kursplanung " + TAGS}])
        apprentice = self.env["res.partner"].browse(answer["result"])
        note = apprentice.message_ids.filtered(lambda m: "Kursplanung" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertShownAsText(note.body)
