from .common import PortalCase


class TestCourseReasonsPrivate(PortalCase):
    """Why a course serves a state names the companies of its needs and participants:
    the portal's readers of a course (companies, providers, the network reader) never
    get it."""

    def test_the_portal_reads_no_served_states(self):
        course = self.env["event.event"].search([("is_qnetz_course", "=", True),
                                                 ("need_ids", "!=", False)], limit=1)
        self.assertTrue(course, "the demo has a course bundled from needs")
        self.assertIn(":", course.served_states, "staff read the states and the reasons")
        network = self.env.ref("qnetz_base.user_network_demo")
        for user in (network, self.user_a, self.user_p):
            session = self.rpc_session(user)
            reply = self.call_kw(session, "event.event", "read", [course.ids, ["name"]])
            self.assertEqual(reply.get("result"), [{"id": course.id, "name": course.name}],
                             "%s reads the course itself" % user.login)
            reply = self.call_kw(session, "event.event", "read",
                                 [course.ids, ["name", "served_states"]])
            self.assertEqual((reply.get("error") or {}).get("data", {}).get("name"),
                             "odoo.exceptions.AccessError", user.login)
            self.assertNotIn("Bedarf von", str(reply), user.login)
            reply = self.call_kw(session, "event.event", "search_read",
                                 [[("id", "=", course.id)]])
            self.assertNotIn("served_states", str(reply), user.login)
