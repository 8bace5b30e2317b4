from .common import PortalCase

SECRET = '${object.env["ir.config_parameter"].sudo().get_param("database.secret")}'


class TestTemplateCode(PortalCase):
    """Mako template code runs with every right (object.env, sudo()): only administrators
    write or render it; everyone else renders the stored templates."""

    def setUp(self):
        super(TestTemplateCode, self).setUp()
        self.network = self.env.ref("qnetz_base.user_network_demo")
        self.template = self.env.ref("qnetz_courses.mail_template_registration_confirmed")
        self.partner = self.company_a
        self.secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")

    def error(self, reply):
        return (reply.get("error") or {}).get("data", {}).get("name")

    def test_nobody_but_the_administrator_renders_code_of_their_own(self):
        for user in (self.user_a, self.network, self.coordinator):
            session = self.rpc_session(user)
            reply = self.call_kw(session, "mail.template", "render_template",
                                 [SECRET, "res.partner", [self.partner.id]])
            self.assertEqual(self.error(reply), "odoo.exceptions.AccessError", user.login)
            self.assertNotIn(self.secret, str(reply), user.login)
        administrator = self.env["res.users"].create({
            "name": "Verwaltung", "login": "test_system", "password": "test_system",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id,
                                  self.env.ref("base.group_system").id])]})
        admin = self.rpc_session(administrator)
        reply = self.call_kw(admin, "mail.template", "render_template",
                             ["${object.name}", "res.partner", [self.partner.id]])
        self.assertEqual(reply["result"], {str(self.partner.id): self.partner.name})

    def test_the_coordinator_stores_no_code_but_sends_the_stored_templates(self):
        session = self.rpc_session(self.coordinator)
        reply = self.call_kw(session, "mail.template", "create", [{
            "name": "Geheimnis", "model_id": self.env.ref("base.model_res_partner").id,
            "body_html": "<p>%s</p>" % SECRET}])
        self.assertEqual(self.error(reply), "odoo.exceptions.AccessError")
        reply = self.call_kw(session, "mail.template", "write",
                             [[self.template.id], {"subject": SECRET}])
        self.assertEqual(self.error(reply), "odoo.exceptions.AccessError")
        reply = self.call_kw(session, "ir.translation", "create", [{
            "name": "mail.template,body_html", "res_id": self.template.id, "lang": "de_DE",
            "type": "model", "src": "x", "value": SECRET}])
        self.assertEqual(self.error(reply), "odoo.exceptions.AccessError")
        self.assertNotIn(self.secret, self.template.subject or "")
        # wording without code stays the coordinator's to change
        reply = self.call_kw(session, "mail.template", "write",
                             [[self.template.id], {"name": "Anmeldung bestätigt (neu)"}])
        self.assertFalse(self.error(reply), reply)
        # and the stored template, code and all, renders for the coordinator
        registration = self.env["event.registration"].search([], limit=1)
        self.assertTrue(registration, "the demo has registrations")
        reply = self.call_kw(session, "mail.template", "generate_email",
                             [[self.template.id], [registration.id], ["subject", "body_html"]])
        self.assertFalse(self.error(reply), reply)
        self.assertTrue(reply["result"][str(registration.id)]["body_html"])
