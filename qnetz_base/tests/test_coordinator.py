from .common import QnetzCase


class TestWhoTheCoordinatorIs(QnetzCase):

    def test_responsible_coordinator_else_first_coordinator(self):
        Users = self.env["res.users"]
        coordinators = Users._qnetz_coordinators()
        self.assertIn(self.coordinator, coordinators)
        self.assertFalse(coordinators.filtered("share"))
        self.assertEqual(Users._qnetz_first_coordinator(self.coordinator), self.coordinator)
        first = coordinators.filtered(lambda user: user.id != 1).sorted("id")[:1]
        self.assertEqual(Users._qnetz_first_coordinator(self.portal_user), first)
        self.assertEqual(Users._qnetz_first_coordinator(), first)


class TestCoordinatorTodo(QnetzCase):
    """mail.thread._qnetz_todo: the one way the network's code asks a person to act."""

    def todos(self, record, summary):
        return self.env["mail.activity"].search([
            ("res_model", "=", record._name), ("res_id", "=", record.id),
            ("summary", "=", summary)])

    def test_coordinators_get_a_todo_with_the_note_as_typed(self):
        record = self.env["res.partner"].create({"name": "Metallbau Testfirma"})
        made = record._qnetz_todo("Prüfen", "<b>Bitte</b> anrufen")
        expected = self.env["res.users"]._qnetz_coordinators().filtered(lambda u: u.id != 1)
        self.assertEqual(made.mapped("user_id"), expected)
        self.assertEqual(self.todos(record, "Prüfen"), made)
        self.assertEqual(made.mapped("activity_type_id"),
                         self.env.ref("mail.mail_activity_data_todo"))
        # what someone outside typed is shown as text, never as markup
        self.assertIn("&lt;b&gt;Bitte&lt;/b&gt;", made[0].note)

    def test_once_gives_no_second_todo_and_share_users_get_none(self):
        record = self.env["res.partner"].create({"name": "Tischlerei Testfirma"})
        users = self.coordinator | self.portal_user
        first = record._qnetz_todo("Rückruf", users=users, once=True)
        self.assertEqual(first.mapped("user_id"), self.coordinator)
        self.assertFalse(record._qnetz_todo("Rückruf", users=users, once=True))
        self.assertEqual(len(self.todos(record, "Rückruf")), 1)
        # without `once`, a job that must repeat itself can
        self.assertTrue(record._qnetz_todo("Rückruf", users=users))
