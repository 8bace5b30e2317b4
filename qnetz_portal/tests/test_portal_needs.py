from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import PortalCase


class TestPortalNeeds(PortalCase):

    def form(self, **kw):
        data = {
            "area": "theory", "topic": "Holzverbindungen für Fortgeschrittene",
            "occupation_id": str(self.occupation.id), "participant_count": "2",
            "preferred_place": "hoexter", "preferred_time": "saturday",
            "wanted_start": "", "urgency": "2", "description": "Zwei Azubis im 2. Lehrjahr",
            "apprentice_ids": [str(self.apprentice_a1.id)],
        }
        data.update(kw)
        return data

    def test_home_shows_company_entries_and_counts(self):
        self.env["qnetz.need"].create(self.need_values(self.company_a))
        self.login(self.user_a)
        response = self.get("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn('href="/my/needs"', response.text)
        self.assertIn('href="/my/apprentices"', response.text)
        # the provider has no company entries
        self.login(self.user_p)
        response = self.get("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn('href="/my/needs"', response.text)
        self.assertEqual(self.get("/my/needs").status_code, 403)
        self.assertEqual(self.get("/my/apprentices").status_code, 403)

    def test_report_need_through_form(self):
        self.login(self.user_a)
        response = self.post("/my/needs/new", self.form())
        self.assertEqual(response.status_code, 200)
        need = self.env["qnetz.need"].search([("partner_id", "=", self.company_a.id)])
        self.assertEqual(len(need), 1)
        self.assertEqual(need.topic, "Holzverbindungen für Fortgeschrittene")
        self.assertEqual(need.apprentice_ids, self.apprentice_a1)
        self.assertEqual(need.participant_count, 2)
        self.assertEqual(need.state, "new")
        # the coordinator, not the portal user, looks after the need
        self.assertFalse(need.user_id.share)
        self.assertTrue(need.user_id.has_group("qnetz_base.group_qnetz_coordinator"))
        self.assertIn(need.name, response.text)
        # coordinator notified: chatter note and to-do
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "qnetz.need"), ("res_id", "=", need.id)])
        self.assertEqual(activity.user_id, need.user_id)
        self.assertTrue(need.message_ids.filtered(lambda m: "Anna Albers" in (m.body or "")))
        # the company gets its confirmation mail
        mails = self.env["mail.mail"].search(
            [("model", "=", "qnetz.need"), ("res_id", "=", need.id)])
        self.assertIn("Wir haben Ihren Qualifizierungsbedarf %s erhalten" % need.name,
                      mails.mapped("subject"))
        # and the list shows it
        listing = self.get("/my/needs")
        self.assertIn(need.name, listing.text)
        self.assertIn("Holzverbindungen", listing.text)

    def test_bad_input_keeps_typed_values(self):
        self.login(self.user_a)
        cases = [
            ({"topic": ""}, "topic"),
            ({"participant_count": "0"}, "participant_count"),
            ({"participant_count": "abc"}, "participant_count"),
            ({"area": "nonsense"}, "area"),
            ({"wanted_start": "2001-01-01"}, "wanted_start"),
            ({"wanted_start": "31.12.2099"}, "wanted_start"),
            ({"apprentice_ids": [str(self.apprentice_b1.id)]}, "apprentice_ids"),
            ({"participant_count": "1",
              "apprentice_ids": [str(self.apprentice_a1.id), str(self.apprentice_a2.id)]},
             "apprentice_ids"),
        ]
        for change, field in cases:
            data = self.form(description="Bitte nicht verlieren", **change)
            response = self.post("/my/needs/new", data, form_url="/my/needs/new")
            self.assertEqual(response.status_code, 200, change)
            self.assertIn("o_qnetz_errors", response.text, change)
            self.assertIn("Bitte nicht verlieren", response.text, change)
        self.assertFalse(self.env["qnetz.need"].search([("partner_id", "in", (
            self.company_a.id, self.company_b.id))]))

    def test_edit_while_new_only(self):
        need = self.env["qnetz.need"].create(self.need_values(self.company_a))
        self.login(self.user_a)
        url = "/my/needs/%d/edit" % need.id
        response = self.post(url, self.form(topic="Neues Thema", participant_count="3"))
        self.assertEqual(response.status_code, 200)
        need.invalidate_cache()
        self.assertEqual(need.topic, "Neues Thema")
        self.assertEqual(need.participant_count, 3)
        self.assertTrue(self.env["mail.activity"].search(
            [("res_model", "=", "qnetz.need"), ("res_id", "=", need.id)]))
        need.action_qualify()
        response = self.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        token = self.csrf_token("/my/needs/%d" % need.id)
        self.url_open(url, data=dict(self.form(topic="Zu spät"), csrf_token=token))
        need.invalidate_cache()
        self.assertEqual(need.topic, "Neues Thema")

    def test_withdraw_with_reason(self):
        need = self.env["qnetz.need"].create(self.need_values(self.company_a))
        self.login(self.user_a)
        url = "/my/needs/%d/withdraw" % need.id
        response = self.post(url, {"reason": ""}, form_url="/my/needs/%d" % need.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_qnetz_errors", response.text)
        need.invalidate_cache()
        self.assertEqual(need.state, "new")
        response = self.post(url, {"reason": "Azubi hat gewechselt"},
                             form_url="/my/needs/%d" % need.id)
        self.assertEqual(response.status_code, 200)
        need.invalidate_cache()
        self.assertEqual(need.state, "withdrawn")
        self.assertEqual(need.withdraw_reason, "Azubi hat gewechselt")
        self.assertTrue(need.message_ids.filtered(
            lambda m: "Azubi hat gewechselt" in (m.body or "")))

    def test_other_company_gets_404(self):
        need = self.env["qnetz.need"].create(self.need_values(self.company_a, topic="Geheim-A"))
        self.login(self.user_b)
        listing = self.get("/my/needs")
        self.assertEqual(listing.status_code, 200)
        self.assertNotIn(need.name, listing.text)
        self.assertNotIn("Geheim-A", listing.text)
        self.assertEqual(self.get("/my/needs/%d" % need.id).status_code, 404)
        self.assertEqual(self.get("/my/needs/%d/edit" % need.id).status_code, 404)
        token = self.csrf_token("/my/needs/new")
        response = self.url_open("/my/needs/%d/edit" % need.id,
                                 data=dict(self.form(topic="Gekapert"), csrf_token=token))
        self.assertEqual(response.status_code, 404)
        response = self.url_open("/my/needs/%d/withdraw" % need.id,
                                 data={"reason": "weg", "csrf_token": token})
        self.assertEqual(response.status_code, 404)
        need.invalidate_cache()
        self.assertEqual(need.topic, "Geheim-A")
        self.assertEqual(need.state, "new")

    def test_post_without_csrf_token_is_refused(self):
        self.login(self.user_a)
        with mute_logger("odoo.http"):
            response = self.url_open("/my/needs/new", data=self.form())
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["qnetz.need"].search([("partner_id", "=", self.company_a.id)]))


class TestNeedAccessRules(PortalCase):
    """The record rules themselves, without the controllers."""

    def test_portal_reads_only_own_needs(self):
        Need = self.env["qnetz.need"]
        need_a = Need.create(self.need_values(self.company_a))
        need_b = Need.create(self.need_values(self.company_b))
        as_a = Need.sudo(self.user_a)
        self.assertEqual(as_a.search([("id", "in", (need_a | need_b).ids)]),
                         need_a.sudo(self.user_a))
        with self.assertRaises(AccessError):
            need_b.sudo(self.user_a).read(["topic"])
        with self.assertRaises(AccessError):
            need_a.sudo(self.user_b).write({"topic": "x"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            Need.sudo(self.user_b).create({"partner_id": self.company_a.id, "area": "theory",
                                           "topic": "fremd", "participant_count": 1})
        with self.assertRaises(AccessError), self.cr.savepoint():
            # the provider is not a training company
            Need.sudo(self.user_p).create({"partner_id": self.provider.id, "area": "theory",
                                           "topic": "x", "participant_count": 1})
        self.assertFalse(Need.sudo(self.user_p).search([]))

    def test_portal_cannot_set_coordinator_fields(self):
        Need = self.env["qnetz.need"].sudo(self.user_a)
        # no direct create or write: the portal's own actions are the only way in
        with self.assertRaises(AccessError):
            Need.create({"partner_id": self.company_a.id, "area": "theory", "topic": "x",
                         "participant_count": 1})
        with self.assertRaises(ValidationError):
            Need.qnetz_portal_report({"area": "theory", "topic": "x", "state": "qualified"})
        need = Need.browse(Need.qnetz_portal_report({"area": "theory", "topic": "x"}))
        self.assertEqual(need.partner_id, self.company_a)
        with self.assertRaises(AccessError):
            need.write({"user_id": self.user_a.id})
        with self.assertRaises(ValidationError):
            need.qnetz_portal_update({"area": "theory", "topic": "x",
                                      "user_id": self.user_a.id})
        need.sudo().action_qualify()
        with self.assertRaises(UserError):
            need.qnetz_portal_update({"area": "theory", "topic": "y"})
        with self.assertRaises(AccessError):
            need.write({"state": "bundled"})

    def test_apprentices_rule(self):
        Partner = self.env["res.partner"]
        domain = [("is_apprentice", "=", True)]
        seen_a = Partner.sudo(self.user_a).search(domain)
        self.assertIn(self.apprentice_a1.id, seen_a.ids)
        self.assertNotIn(self.apprentice_b1.id, seen_a.ids)
        with self.assertRaises(AccessError):
            self.apprentice_b1.sudo(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.apprentice_a1.sudo(self.user_a).write({"name": "x"})
