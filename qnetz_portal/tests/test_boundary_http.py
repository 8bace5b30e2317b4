"""The findings of the boundary review, each over /web/dataset/call_kw as the real role.

Odoo's own models are part of the boundary: everyone may read the mail queue in stock
Odoo 11, every employee may rewrite the website's asset bundles, read_group on messages
and attachments skips the check their search makes, and the history formats every
tracked value for whoever may read the message.
"""
import re

from odoo.tests.common import HOST, PORT

from .common import PortalCase


class TestBoundaryHttp(PortalCase):

    def setUp(self):
        super(TestBoundaryHttp, self).setUp()
        env = self.env
        self.network_user = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz", "login": "test_network_reader",
            "password": "test_network_reader", "lang": "de_DE",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id,
                                  env.ref("qnetz_base.group_qnetz_network").id])]})
        self.outsiders = (("company A", self.user_a), ("provider", self.user_p),
                          ("network", self.network_user), ("visitor", None))

    def refused(self, answer):
        return "error" in answer

    # ------------------------------------------------------------------ the mail queue

    def test_nobody_outside_reads_or_writes_the_mail_queue(self):
        """The coordinator's password-reset mail waits in the queue (no mail server yet,
        the documented state of a new production): its token would let whoever reads it
        log in as the coordinator."""
        partner = self.coordinator.partner_id
        partner.signup_prepare(signup_type="reset")
        held = self.env["mail.mail"].create({
            "subject": "Passwort zurücksetzen", "email_to": partner.email,
            "body_html": '<a href="%s">Passwort setzen</a>' % partner.signup_url,
            "state": "outgoing"})
        self.assertIn("token=", held.body_html)
        for who, user in self.outsiders:
            session = self.rpc_session(user)
            for method, args, kwargs in (
                    ("search_read", [], {"domain": [], "fields": ["body_html"]}),
                    ("read", [held.ids, ["body_html"]], {}),
                    ("read_group", [], {"domain": [], "fields": ["email_to"],
                                        "groupby": ["email_to"]}),
                    ("create", [{"email_to": "x@example.com", "subject": "Rechnung",
                                 "body_html": "<p>Bitte zahlen</p>"}], {}),
                    ("write", [held.ids, {"email_to": "attacker@example.com"}], {}),
                    ("send", [held.ids], {})):
                answer = self.call_kw(session, "mail.mail", method, args, kwargs)
                self.assertTrue(self.refused(answer), "%s: mail.mail.%s" % (who, method))
        self.assertNotEqual(held.email_to, "attacker@example.com")

    # ------------------------------------------------------------------ attachments

    def test_nobody_outside_changes_the_asset_bundles_or_publishes_files(self):
        bundle = self.env["ir.attachment"].create({
            "name": "web.assets_frontend.js", "datas_fname": "web.assets_frontend.js",
            "url": "/web/content/0-abc/web.assets_frontend.js", "type": "binary",
            "mimetype": "application/javascript", "public": True,
            "datas": "Y29uc29sZS5sb2coMSk=", "res_model": "ir.ui.view", "res_id": 0})
        for who, user in self.outsiders:
            session = self.rpc_session(user)
            answer = self.call_kw(session, "ir.attachment", "write", [
                bundle.ids, {"datas": "YWxlcnQoMSk="}])
            self.assertTrue(self.refused(answer), "%s rewrote an asset bundle" % who)
            answer = self.call_kw(session, "ir.attachment", "create", [{
                "name": "Rechnung.pdf", "datas_fname": "Rechnung.pdf", "public": True,
                "datas": "JVBERi0xLjQ=", "mimetype": "application/pdf"}])
            self.assertTrue(self.refused(answer), "%s published a file" % who)
        self.assertEqual(bundle.datas, b"Y29uc29sZS5sb2coMSk=")

    # ------------------------------------------------------------------ messages

    def _course_with_named_participants(self):
        course = self.make_course(seats_max=5)
        registration = self.env["event.registration"].create(
            {"event_id": course.id, "apprentice_id": self.apprentice_b1.id})
        registration.message_post(body="Anmeldung bestätigt", message_type="comment",
                                  subtype="mail.mt_comment")
        return course, registration

    def test_read_group_on_messages_checks_the_records(self):
        """Company A must not list the names of company B's apprentices by grouping the
        messages of registrations (record_name is the participant); the provider of the
        course may, they are its participants."""
        _course, registration = self._course_with_named_participants()
        self.assertIn("Jonas Brinkmann", registration.message_ids.mapped("record_name"))
        answer = self.call_kw(self.rpc_session(self.user_p), "mail.message", "read_group", [],
                              {"domain": [("model", "=", "event.registration")],
                               "fields": ["record_name"], "groupby": ["record_name"]})
        self.assertIn("Jonas Brinkmann", [g["record_name"] for g in answer["result"]])
        for who, user in self.outsiders:
            if user == self.user_p:
                continue
            session = self.rpc_session(user)
            answer = self.call_kw(session, "mail.message", "read_group", [], {
                "domain": [("model", "=", "event.registration")],
                "fields": ["record_name"], "groupby": ["record_name"]})
            names = [group.get("record_name") for group in answer.get("result") or []]
            self.assertNotIn("Jonas Brinkmann", names, who)
            answer = self.call_kw(session, "ir.attachment", "read_group", [], {
                "domain": [], "fields": ["name"], "groupby": ["res_model"]})
            self.assertTrue(self.refused(answer) or not answer["result"], who)

    def test_history_shows_no_field_the_reader_may_not_read(self):
        """The provider's fee is the coordinator's: a message on the course that carries
        its change must not show it to the portal (tracking values)."""
        course, _registration = self._course_with_named_participants()
        self.env["event.registration"].create(
            {"event_id": course.id, "apprentice_id": self.apprentice_a1.id})
        message = course.message_post(body="Kurs angepasst", message_type="notification",
                                      subtype="mail.mt_comment")
        field = self.env["ir.model.fields"]._get("event.event", "provider_fee")
        self.env["mail.tracking.value"].create({
            "mail_message_id": message.id, "field": "provider_fee",
            "field_desc": field.field_description, "field_type": "monetary",
            "old_value_monetary": 1200.0, "new_value_monetary": 1875.0})
        self.env["mail.tracking.value"].create({
            "mail_message_id": message.id, "field": "name",
            "field_desc": "Name", "field_type": "char",
            "old_value_char": "Alt", "new_value_char": course.name})
        coordinator = self.call_kw(self.rpc_session(self.coordinator), "mail.message",
                                   "message_format", [message.ids])["result"][0]
        self.assertEqual(len(coordinator["tracking_value_ids"]), 2)
        session = self.rpc_session(self.user_a)
        answer = self.call_kw(session, "mail.message", "message_format", [message.ids])
        self.assertNotIn("error", answer)
        shown = answer["result"][0]["tracking_value_ids"]
        self.assertEqual([value["changed_field"] for value in shown], ["Name"])
        self.assertNotIn("1875", repr(answer["result"]))
        answer = self.call_kw(session, "mail.tracking.value", "search_read", [],
                              {"domain": [], "fields": ["new_value_monetary"]})
        self.assertTrue(self.refused(answer))

    # ------------------------------------------------------------------ the network reader

    def test_network_reader_reads_no_person_and_writes_nothing(self):
        self._course_with_named_participants()
        self.env["qnetz.target.profile"].create({
            "partner_id": self.apprentice_a1.id, "is_refugee": True,
            "consent_date": "2026-01-10", "consent_given_by": "Lena Albrecht",
            "consent_purpose": "Kurse"})
        self.env["qnetz.need"].create(dict(self.need_values(self.company_a),
                                           apprentice_ids=[(6, 0, self.apprentice_a1.ids)]))
        session = self.rpc_session(self.network_user)
        for model, domain in (("res.partner", [("is_apprentice", "=", True)]),
                              ("event.registration", []), ("qnetz.target.profile", []),
                              ("qnetz.need", []), ("qnetz.attendance", []),
                              ("qnetz.certificate", []), ("mail.activity", [])):
            answer = self.call_kw(session, model, "search_read", [],
                                  {"domain": domain, "fields": ["display_name"]})
            self.assertTrue(self.refused(answer) or not answer["result"], model)
            answer = self.call_kw(session, model, "read_group", [], {
                "domain": domain, "fields": ["create_uid"], "groupby": ["create_uid"]})
            self.assertTrue(self.refused(answer) or not answer["result"], model)
        answer = self.call_kw(session, "res.partner", "write",
                              [self.network_user.partner_id.parent_id.ids or
                               self.company_a.ids, {"name": "Geändert"}])
        self.assertTrue(self.refused(answer))

    def test_network_reader_has_a_page_of_figures(self):
        self.login(self.network_user)
        home = self.get("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/netzwerk", home.text)
        page = self.get("/my/netzwerk")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_qnetz_figures", page.text)
        self.assertNotIn("Lena Albrecht", page.text)
        # the funded project's targets, without its money
        project = self.env.ref("qnetz_courses.project_landaufschwung_demo")
        page = self.get("/my/netzwerk?date_from=%s&date_to=%s"
                        % (project.date_start, project.date_start))
        self.assertIn("o_qnetz_network_targets", page.text)
        self.assertIn(project.name, page.text)
        self.assertNotIn("180.000", page.text)
        # a reversed period comes back as a message, with what was typed
        page = self.get("/my/netzwerk?date_from=2026-12-31&date_to=2026-01-01")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_qnetz_network_error", page.text)
        self.assertIn('value="2026-12-31"', page.text)
        # companies have no such page
        self.login(self.user_a)
        self.assertEqual(self.get("/my/netzwerk").status_code, 403)

    # ------------------------------------------------------------------ followers

    def json_route(self, session, path, params):
        self.sync()
        url = "http://%s:%s%s" % (HOST, PORT, path)
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = session.post(url, json=payload, timeout=60)
        self.env.cache.invalidate()
        self.assertEqual(response.status_code, 200, path)
        return response.json()

    def test_followers_are_listed_only_for_records_one_may_read(self):
        """/mail/read_followers checked the rule of the model the caller named: naming a
        model without rules (res.lang) listed every follower with name and e-mail."""
        need_b = self.env["qnetz.need"].create(self.need_values(self.company_b))
        need_b.message_subscribe(partner_ids=self.company_b.ids)
        follower_ids = need_b.message_follower_ids.ids
        self.assertTrue(follower_ids)
        for who, user in self.outsiders[:3]:
            session = self.rpc_session(user)
            for model in ("res.lang", "qnetz.need"):
                answer = self.json_route(session, "/mail/read_followers", {
                    "follower_ids": follower_ids, "res_model": model})
                followers = (answer.get("result") or {}).get("followers") or []
                self.assertFalse(followers, "%s read the followers as %s" % (who, model))
                self.assertNotIn("info@bode.example", repr(answer))
        # company B reads the followers of its own need
        answer = self.json_route(self.rpc_session(self.user_b), "/mail/read_followers", {
            "follower_ids": follower_ids, "res_model": "qnetz.need"})
        self.assertIn("Metallbau Bode KG", [f["name"] for f in answer["result"]["followers"]])

    def test_outsiders_do_not_choose_whom_a_record_is_sent_to(self):
        """A follower of a course gets its discussion by mail: nobody outside subscribes
        itself (or anyone) to a record."""
        course = self.make_course(seats_max=5)
        for who, user in self.outsiders[:3]:
            session = self.rpc_session(user)
            answer = self.call_kw(session, "event.event", "message_subscribe", [course.ids],
                                  {"partner_ids": user.partner_id.ids})
            self.assertTrue(self.refused(answer), who)
            self.assertNotIn(user.partner_id, course.message_partner_ids, who)

    def test_network_reader_changes_nothing_of_its_own(self):
        # the pages first: rpc_session() gives the test a session of its own
        self.login(self.network_user)
        page = self.get("/my/netzwerk")
        token = re.search(r'csrf_token: "([^"]+)"', page.text).group(1)
        response = self.url_open("/my/account", data={"name": "N", "phone": "1",
                                                      "csrf_token": token})
        self.assertTrue(response.url.endswith("/my/netzwerk"), response.url)
        self.assertEqual(self.network_user.partner_id.name, "Nina Netz")
        # a period past any year the figures know is a message, not a server error
        page = self.get("/my/netzwerk?date_from=1900-01-01&date_to=9999-12-31")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_qnetz_network_error", page.text)
        session = self.rpc_session(self.network_user)
        answer = self.call_kw(session, "res.users", "write", [
            self.network_user.ids, {"name": "<b>x</b>", "signature": "<img src=x>"}])
        self.assertTrue(self.refused(answer))
        self.assertEqual(self.network_user.name, "Nina Netz")
