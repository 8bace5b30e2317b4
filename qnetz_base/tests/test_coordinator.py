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
