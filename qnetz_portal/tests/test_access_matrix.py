"""The trust boundary, tried as an attacker would: over Odoo's JSON-RPC endpoint.

Every logged-in user can call any public method of any model through
/web/dataset/call_kw, whatever the portal pages offer. This test does so as company A,
company B, a provider, a network user and a visitor without a session, and tries to
read others' records, create, write, unlink, send x2many commands on every relational
field a share user can reach, steer writes with default_* context, and call every public
method the qnetz addons define. Every attempt must be refused (or, for the portal's own
actions, have no effect beyond what the action allows).
"""
import logging

from odoo.tests.common import HOST, PORT

from odoo.addons.qnetz_base.tests.common import report_figure

from .common import CSRF_RE, PortalCase

_logger = logging.getLogger(__name__)

# Models of the network and the stock models it extends or reaches from the portal.
MODELS = (
    "qnetz.need", "qnetz.target.profile", "qnetz.district", "qnetz.occupation",
    "qnetz.course.session", "qnetz.attendance", "qnetz.bundle.proposal",
    "qnetz.report.analysis", "qnetz.offer", "qnetz.offer.topic", "qnetz.offer.target.group",
    "qnetz.offer.language", "event.event", "event.registration", "res.partner",
    "account.invoice", "account.invoice.line", "res.users", "res.authentication.attempt",
    "mail.message", "mail.activity", "qnetz.holiday", "qnetz.school.schedule",
    "qnetz.school.block", "qnetz.certificate", "auditlog.log",
    "qnetz.course.module", "qnetz.quote.request", "qnetz.quote", "qnetz.town",
)
# Public by design: the certificate check answers anyone (as the public page does), and a
# portal user's own course calendar is chosen by the method from the caller alone.
PUBLIC_METHODS = ("qnetz_public_check", "qnetz_portal_ics")
# Stock methods that change records and that a share user might hope to reach.
STOCK_WRITE_METHODS = {
    "event.event": ("button_confirm", "button_done", "button_cancel", "button_draft"),
    "event.registration": ("confirm_registration", "button_reg_close", "button_reg_cancel",
                           "do_draft"),
    "account.invoice": ("action_invoice_open", "action_invoice_cancel", "action_invoice_draft"),
    "res.users": ("action_reset_password",),
}
X2MANY_COMMANDS = ("create", "update", "delete", "unlink", "link", "clear", "replace")


class TestAccessMatrix(PortalCase):

    def setUp(self):
        super(TestAccessMatrix, self).setUp()
        env = self.env
        self.network_user = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz", "login": "test_network_user", "password": "test_network_user",
            "lang": "de_DE",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id,
                                  env.ref("qnetz_base.group_qnetz_network").id])]})
        Need = env["qnetz.need"]
        self.need_a = Need.create(self.need_values(self.company_a, topic="Bedarf A"))
        self.need_b = Need.create(self.need_values(self.company_b, topic="Bedarf B"))
        self.profile_a = env["qnetz.target.profile"].create({
            "partner_id": self.apprentice_a1.id, "is_refugee": True,
            "consent_date": "2026-01-10", "consent_given_by": "Lena Albrecht",
            "consent_purpose": "Kurse"})
        # a running course of the provider with a session still ahead
        self.course = self.make_course(seats_max=5)
        self.reg_a = env["event.registration"].create(
            {"event_id": self.course.id, "apprentice_id": self.apprentice_a1.id})
        self.reg_b = env["event.registration"].create(
            {"event_id": self.course.id, "apprentice_id": self.apprentice_b1.id})
        self.course_session = self.course.session_ids.sorted("date_begin")[:1]
        # another provider's course, finished and billed
        other_provider = env["res.partner"].create({
            "name": "Fremder Träger", "is_company": True, "is_education_provider": True,
            "district_id": self.hoexter.id})
        self.other_course = self.make_course(name="Fremdkurs", provider=other_provider,
                                             seats_max=5)
        self.other_reg = env["event.registration"].create(
            {"event_id": self.other_course.id, "apprentice_id": self.apprentice_b1.id})
        self.run_course(self.other_course)
        self.other_session = self.other_course.session_ids[:1]
        self.attendance = env["qnetz.attendance"].create(
            {"session_id": self.other_session.id, "registration_id": self.other_reg.id})
        self.invoice_b = self.other_course._qnetz_bill_registrations()[:1]
        # a quote request sent to the provider and to another provider
        self.module = env["qnetz.course.module"].create({
            "name": "Matrixmodul", "area": "practice",
            "provider_ids": [(6, 0, [self.provider.id, other_provider.id])]})
        self.quote_request = env["qnetz.quote.request"].create({
            "name": "Matrixanfrage", "module_id": self.module.id, "participant_count": 4,
            "need_ids": [(6, 0, self.need_b.ids)]})
        self.quote_request.action_send()
        self.own_quote = self.quote_request.quote_ids.filtered(
            lambda q: q.provider_id == self.provider)
        self.other_quote = self.quote_request.quote_ids - self.own_quote
        self.attempts = 0
        self.through = []

    # ------------------------------------------------------------------ plumbing

    def attempt(self, who, session, model, method, args, kwargs=None, context=None,
                got_through=None):
        """One attempt that must be refused. `got_through(answer)` decides for calls that
        may succeed without effect; by default any answer without an error got through."""
        self.attempts += 1
        answer = self.call_kw(session, model, method, args, kwargs, context)
        through = got_through(answer) if got_through else "error" not in answer
        if through:
            self.through.append((who, model, method, repr(args)[:120], repr(context)[:80]))
        return answer

    def sessions(self):
        """One HTTP session per role: the portal users, the network user, a visitor."""
        result = {}
        for who, user in (("company A", self.user_a), ("company B", self.user_b),
                          ("provider", self.user_p), ("network", self.network_user),
                          ("visitor", None)):
            result[who] = self.rpc_session(user)
        return result

    def targets(self, who):
        """Records of each model the role must not change (for portal users: also records
        it must not read, keyed 'foreign')."""
        env = self.env
        own_user = {"company A": self.user_a, "company B": self.user_b, "provider": self.user_p,
                    "network": self.network_user}.get(who)
        return {
            "qnetz.need": (self.need_a | self.need_b).ids,
            "qnetz.target.profile": self.profile_a.ids,
            "qnetz.district": self.hoexter.ids,
            "qnetz.occupation": self.occupation.ids,
            "qnetz.course.session": (self.course_session | self.other_session).ids,
            "qnetz.attendance": self.attendance.ids,
            "qnetz.bundle.proposal": env["qnetz.bundle.proposal"].search([], limit=1).ids,
            "qnetz.report.analysis": env["qnetz.report.analysis"].search([], limit=1).ids,
            "qnetz.offer": env["qnetz.offer"].search([], limit=1).ids,
            "qnetz.offer.topic": env["qnetz.offer.topic"].search([], limit=1).ids,
            "qnetz.offer.target.group": env["qnetz.offer.target.group"].search(
                [], limit=1).ids,
            "qnetz.offer.language": env["qnetz.offer.language"].search([], limit=1).ids,
            "event.event": (self.course | self.other_course).ids,
            "event.registration": (self.reg_a | self.reg_b | self.other_reg).ids,
            "res.partner": (self.company_a | self.company_b | self.apprentice_a1
                            | self.apprentice_b1).ids,
            "account.invoice": self.invoice_b.ids,
            "account.invoice.line": self.invoice_b.invoice_line_ids[:1].ids,
            # a user may change their own name and language: only other users count
            "res.users": (self.user_a | self.user_b | self.user_p | self.network_user
                          | self.coordinator).filtered(lambda u: u != own_user).ids,
            "res.authentication.attempt": env["res.authentication.attempt"].search(
                [], limit=1).ids,
            "mail.message": self.need_b.message_ids[:1].ids,
            "mail.activity": env["mail.activity"].search([], limit=1).ids,
            "qnetz.holiday": env["qnetz.holiday"].search([], limit=1).ids,
            "qnetz.school.schedule": env["qnetz.school.schedule"].search([], limit=1).ids,
            "qnetz.school.block": env["qnetz.school.block"].search([], limit=1).ids,
            "qnetz.certificate": env["qnetz.certificate"].search([], limit=1).ids,
            "auditlog.log": env["auditlog.log"].search([], limit=1).ids,
            "qnetz.course.module": self.module.ids,
            "qnetz.quote.request": self.quote_request.ids,
            "qnetz.quote": (self.own_quote | self.other_quote).ids,
            "qnetz.town": env["qnetz.town"].search([], limit=1).ids,
        }

    def foreign_reads(self, who):
        """(model, ids) the role must not be able to read."""
        secret = [
            ("qnetz.target.profile", self.profile_a.ids),
            ("qnetz.report.analysis", self.env["qnetz.report.analysis"].search([], limit=3).ids),
            ("res.authentication.attempt",
             self.env["res.authentication.attempt"].search([], limit=3).ids),
            ("account.invoice", self.invoice_b.ids),
            ("account.invoice.line", self.invoice_b.invoice_line_ids.ids),
            ("auditlog.log", self.env["auditlog.log"].search([], limit=3).ids),
        ]
        secret.append(("qnetz.certificate",
                       self.env["qnetz.certificate"].search([], limit=3).ids))
        # quotes: the provider's own only, and nobody else's
        secret.append(("qnetz.quote", self.other_quote.ids))
        if who != "provider":
            secret += [("qnetz.quote", self.own_quote.ids),
                       ("qnetz.quote.request", self.quote_request.ids)]
        if who == "company A":
            secret += [("qnetz.need", self.need_b.ids), ("event.registration", self.reg_b.ids),
                       ("res.partner", self.apprentice_b1.ids),
                       ("qnetz.attendance", self.attendance.ids)]
        if who == "company B":
            secret += [("qnetz.need", self.need_a.ids), ("event.registration", self.reg_a.ids),
                       ("res.partner", self.apprentice_a1.ids)]
        if who == "provider":
            secret += [("qnetz.need", (self.need_a | self.need_b).ids),
                       ("event.registration", self.other_reg.ids),
                       ("qnetz.attendance", self.attendance.ids)]
        if who == "visitor":
            secret += [("qnetz.need", self.need_a.ids), ("res.partner", self.apprentice_a1.ids),
                       ("event.registration", self.reg_a.ids)]
        return [(model, ids) for model, ids in secret if ids]

    def text_field(self, model):
        """A stored text field of the model to write: writing a field the model does not
        have succeeds without effect and would prove nothing."""
        fields = self.env[model]._fields
        for name in ("name", "subject", "body", "topic", "login", "note"):
            if name in fields and fields[name].store:
                return name
        return next(name for name, field in sorted(fields.items())
                    if field.type in ("char", "text", "selection", "integer", "float", "date",
                                      "boolean") and field.store and not field.compute
                    and name not in ("id", "display_name", "__last_update"))

    def relational_commands(self, model, field, ids, other_ids):
        definition = self.env[model]._fields[field]
        if definition.type == "many2one":
            return [other_ids[0] if other_ids else False]
        target = other_ids[:1] or [0]
        return [
            [(0, 0, {"name": "Angriff"})], [(1, target[0], {"name": "Angriff"})],
            [(2, target[0])], [(3, target[0])], [(4, target[0])], [(5,)],
            [(6, 0, target)],
        ]

    def reachable_relational_fields(self, model):
        """Relational fields the network defines, and Odoo's that lead to users and
        partners: the ones a share user would aim at."""
        wanted = {"user_ids", "child_ids", "parent_id", "groups_id", "partner_id",
                  "message_partner_ids", "message_follower_ids", "registration_ids",
                  "invoice_line_ids", "attendance_ids", "session_ids"}
        fields = self.env[model]._fields
        return sorted(name for name, field in fields.items()
                      if field.type in ("many2one", "one2many", "many2many")
                      and field.store and not field.related
                      and (name in wanted or (getattr(field, "_module", "") or "").startswith(
                          "qnetz_")))

    def public_qnetz_methods(self, model):
        """The public methods the qnetz addons define on `model` (all of them callable
        over RPC), plus Odoo's own that change records."""
        names = set(STOCK_WRITE_METHODS.get(model, ())) - set(PUBLIC_METHODS)
        for cls in type(self.env[model]).__mro__:
            if not (cls.__module__ or "").startswith("odoo.addons.qnetz_"):
                continue
            for name, member in vars(cls).items():
                # action_view_* only return a window action: they change and reveal nothing
                if callable(member) and not name.startswith(("_", "action_view")) and name not in (
                        "create", "write", "unlink", "copy", "read", "search",
                        "name_get", "default_get", "fields_view_get", "read_group",
                        "search_read", "name_search", "fields_get", "export_data"):
                    if name not in PUBLIC_METHODS:
                        names.add(name)
        return sorted(names)

    # ------------------------------------------------------------------ the matrix

    def test_access_matrix(self):
        sessions = self.sessions()
        # the sessions are real: each role reads its own user over the same endpoint
        for who, user in (("company A", self.user_a), ("provider", self.user_p),
                          ("network", self.network_user)):
            answer = self.call_kw(sessions[who], "res.users", "read", [user.ids, ["name"]])
            self.assertEqual(answer.get("result", [{}])[0].get("name"), user.name, who)
        for who, session in sorted(sessions.items()):
            targets = self.targets(who)
            for model in MODELS:
                ids = targets.get(model) or []
                text_field = self.text_field(model)
                values = {text_field: "Angriff"}
                if model == "mail.message":
                    # a message of one's own is Odoo's chat; its recipients are the attack
                    values["partner_ids"] = [(4, self.company_b.id if who != "company B"
                                              else self.company_a.id)]
                self.attempt(who, session, model, "create", [values])
                for record_id in ids:
                    self.attempt(who, session, model, "write",
                                 [[record_id], {text_field: "Angriff"}])
                    self.attempt(who, session, model, "unlink", [[record_id]])
                if ids:
                    for field in self.reachable_relational_fields(model):
                        other_model = self.env[model]._fields[field].comodel_name
                        other_ids = (targets.get(other_model) or [])[-1:]
                        for value in self.relational_commands(model, field, ids, other_ids):
                            self.attempt(who, session, model, "write", [ids[-1:], {field: value}])
                    target = self._foreign_of(who, model, ids)
                    for method in self.public_qnetz_methods(model):
                        self.attempt(who, session, model, method, [target])
            for model, ids in self.foreign_reads(who):
                self.attempt(who, session, model, "read", [ids, ["display_name"]])
                self.attempt(who, session, model, "search_read",
                             [[("id", "in", ids)], ["display_name"]],
                             got_through=lambda answer: bool(answer.get("result")))
        self._portal_action_attempts(sessions)
        self._money_field_attempts(sessions)
        self._stock_registration_attempts(sessions)
        _logger.info("Access matrix: %d attempts, %d got through", self.attempts,
                     len(self.through))
        report_figure("access_matrix", "Access matrix of the qnetz models and portal "
                      "actions: %d attempts, %d got through" % (self.attempts, len(self.through)))
        self.assertGreaterEqual(self.attempts, 500)
        self.maxDiff = None
        self.assertEqual(self.through, [], "these attempts got through")

    def _foreign_of(self, who, model, ids):
        """A record of `model` that is not the role's own, to call its methods on."""
        foreign = {
            "company A": {
                "qnetz.need": self.need_b, "event.registration": self.reg_b,
                "res.partner": self.apprentice_b1, "event.event": self.other_course,
                "qnetz.course.session": self.course_session},
            "company B": {
                "qnetz.need": self.need_a, "event.registration": self.reg_a,
                "res.partner": self.apprentice_a1, "event.event": self.other_course,
                "qnetz.course.session": self.course_session},
            "provider": {
                "qnetz.quote": self.other_quote,
                "event.event": self.other_course, "qnetz.course.session": self.other_session,
                "event.registration": self.other_reg, "qnetz.need": self.need_a,
                "res.partner": self.apprentice_a1},
        }
        record = foreign.get(who, {}).get(model)
        return record.ids if record else ids[-1:]

    def _portal_action_attempts(self, sessions):
        company_a, provider = sessions["company A"], sessions["provider"]
        network = sessions["network"]
        # default_* context cannot steer the portal's own create
        steering = {"default_state": "closed", "default_qualified_date": "2026-01-01",
                    "default_web_reported": True, "default_withdraw_reason": "x",
                    "default_course_id": self.other_course.id,
                    "default_user_id": self.user_b.id, "default_partner_id": self.company_b.id,
                    "tracking_disable": True}

        def steered(answer):
            if "error" in answer:
                return False
            need = self.env["qnetz.need"].browse(answer["result"])
            return (need.state != "new" or need.qualified_date or need.web_reported
                    or need.withdraw_reason or need.course_id
                    or need.partner_id != self.company_a or need.user_id == self.user_b
                    or len(need.message_ids) < 2)
        for key, value in steering.items():
            self.attempt("company A", company_a, "qnetz.need", "qnetz_portal_report",
                         [{"area": "theory", "topic": "Kontext %s" % key}],
                         context={key: value}, got_through=steered)
        # x2many commands and fields beyond the whitelist in the portal's own actions
        apprentice_commands = [
            [(0, 0, {"name": "Neu", "user_ids": [(0, 0, {"login": "boss", "name": "Boss"})]})],
            [(1, self.apprentice_b1.id, {"name": "Umbenannt"})],
            [(4, self.apprentice_b1.id)], [(6, 0, [self.apprentice_b1.id])],
            [(2, self.apprentice_a2.id)], [(5,)], [(3, self.apprentice_a1.id)],
        ]
        for command in apprentice_commands:
            self.attempt("company A", company_a, "qnetz.need", "qnetz_portal_report",
                         [{"area": "theory", "topic": "X", "apprentice_ids": command}])
            self.attempt("company A", company_a, "qnetz.need", "qnetz_portal_update",
                         [self.need_a.ids, {"area": "theory", "topic": "X",
                                            "apprentice_ids": command}])
        for field, value in (("state", "qualified"), ("qualified_date", "2026-01-01"),
                             ("user_id", self.user_a.id), ("course_id", self.course.id),
                             ("partner_id", self.company_b.id), ("web_reported", True),
                             ("withdraw_reason", "x"), ("topic", "x\x00y"),
                             ("participant_count", "zwei"), ("wanted_start", [2027, 1, 1])):
            values = {"area": "theory", "topic": "X", field: value}
            self.attempt("company A", company_a, "qnetz.need", "qnetz_portal_report", [values])
            self.attempt("company A", company_a, "qnetz.need", "qnetz_portal_update",
                         [self.need_a.ids, values])
        for values in ({"name": "X", "consent": "1", "consent_given_by": "X",
                        "consent_purpose": "X", "employer_id": self.company_b.id},
                       {"name": "X", "consent": "1", "consent_given_by": "X",
                        "consent_purpose": "X", "user_ids": [(0, 0, {"login": "x"})]},
                       {"name": "X", "consent": "1", "consent_given_by": "X",
                        "consent_purpose": "X", "is_company": True},
                       {"name": "X"}):
            self.attempt("company A", company_a, "res.partner", "qnetz_portal_add_apprentice",
                         [values])
        self.attempt("company A", company_a, "res.partner", "qnetz_portal_update_apprentice",
                     [self.apprentice_a1.ids, {"employer_id": self.company_b.id}])
        # registrations: others' apprentices, started courses, the provider side
        self.attempt("company A", company_a, "event.event", "qnetz_portal_register",
                     [self.course.ids, [self.apprentice_b1.id]])
        self.attempt("company A", company_a, "event.event", "qnetz_portal_register",
                     [self.other_course.ids, [self.apprentice_a2.id]])
        self.attempt("company A", company_a, "event.event", "qnetz_portal_register",
                     [self.course.ids, [(0, 0, {"name": "Neu"})]])
        self.attempt("provider", provider, "event.event", "qnetz_portal_register",
                     [self.course.ids, [self.apprentice_a2.id]])
        self.attempt("company A", company_a, "event.registration", "qnetz_portal_cancel",
                     [self.reg_b.ids])
        # attendance: sessions that have not begun, cancelled registrations, others' courses
        self.attempt("provider", provider, "qnetz.course.session",
                     "qnetz_portal_record_attendance",
                     [self.course_session.ids, {str(self.reg_a.id): "present",
                                                str(self.reg_b.id): "present"}])
        self.attempt("provider", provider, "qnetz.course.session",
                     "qnetz_portal_record_attendance",
                     [self.other_session.ids, {str(self.other_reg.id): "absent"}])
        self.attempt("company A", company_a, "qnetz.course.session",
                     "qnetz_portal_record_attendance",
                     [self.course_session.ids, {str(self.reg_a.id): "present"}])
        self.attempt("provider", provider, "event.event", "qnetz_portal_submit_invoice",
                     [self.course.ids], {"confirm_complete": True})
        # quotes: another provider's, fields beyond the whitelist, as a company
        answer = {"price": 1000, "date_begin": "2099-01-01", "date_end": "2099-01-02"}
        self.attempt("provider", provider, "qnetz.quote", "qnetz_portal_answer_quote",
                     [self.other_quote.ids, answer])
        for extra in ({"state": "accepted"}, {"quote_request_id": self.quote_request.id},
                      {"provider_id": self.provider.id}, {"price": "-1"},
                      {"remarks": [(0, 0, {"name": "x"})]}):
            self.attempt("provider", provider, "qnetz.quote", "qnetz_portal_answer_quote",
                         [self.own_quote.ids, dict(answer, **extra)])
        self.attempt("company A", company_a, "qnetz.quote", "qnetz_portal_answer_quote",
                     [self.own_quote.ids, answer])
        self.attempt("company A", company_a, "event.event", "qnetz_portal_submit_invoice",
                     [self.course.ids], {"confirm_complete": True})
        # chatter to people the user cannot see
        for partner_ids in ([self.company_b.id], [(4, self.apprentice_b1.id)],
                            [(6, 0, [self.coordinator.partner_id.id])]):
            self.attempt("company A", company_a, "qnetz.need", "message_post",
                         [self.need_a.ids], {"body": "Hallo", "partner_ids": partner_ids,
                                             "message_type": "comment"})
        # the network user reads, and never writes through the workflow
        for model, method, ids in (
                ("qnetz.need", "action_qualify", self.need_a.ids),
                ("qnetz.need", "action_withdraw", self.need_b.ids),
                ("event.registration", "action_cancel_registration", self.reg_a.ids),
                ("event.registration", "action_move_up", self.reg_b.ids),
                ("res.partner", "action_qnetz_anonymise", self.apprentice_a1.ids)):
            self.attempt("network", network, model, method, [ids])

    def _money_field_attempts(self, sessions):
        for who, session in sessions.items():
            if who == "visitor":
                continue
            for field in ("provider_fee", "amount_billed", "amount_open", "invoice_ids"):
                self.attempt(who, session, "event.event", "read",
                             [self.course.ids, [field]])
            self.attempt(who, session, "event.registration", "read",
                         [self.reg_a.ids, ["invoice_line_ids"]])

    def _stock_registration_attempts(self, sessions):
        """Odoo's website_event route registers nobody into a network course."""
        for who, session in sessions.items():
            self.attempts += 1
            self.sync()
            form = session.get("http://%s:%s/bedarf-melden" % (HOST, PORT), timeout=60)
            token = CSRF_RE.search(form.text).group(1)
            before = self.env["event.registration"].search_count(
                [("event_id", "=", self.course.id)])
            session.post("http://%s:%s/event/%d/registration/confirm" % (
                HOST, PORT, self.course.id), data={
                "1-name": "Angreifer", "1-email": "a@example.com",
                "1-paying_partner_id": str(self.company_b.id), "1-state": "done",
                "1-billing_state": "invoiced", "1-need_id": str(self.need_b.id),
                "csrf_token": token},
                timeout=60)
            self.env.cache.invalidate()
            after = self.env["event.registration"].search_count(
                [("event_id", "=", self.course.id)])
            if after != before:
                self.through.append((who, "event.registration", "/registration/confirm"))

    def test_portal_actions_work_over_rpc(self):
        """The same actions the pages use answer RPC clients, with values XML-RPC and
        JSON can carry, and hold their rules there too."""
        sessions = self.sessions()
        company_a, provider = sessions["company A"], sessions["provider"]
        answer = self.call_kw(company_a, "qnetz.need", "qnetz_portal_report",
                              [{"area": "language", "topic": "Deutsch für Tischler",
                                "participant_count": "2",
                                "apprentice_ids": [self.apprentice_a1.id]}])
        need = self.env["qnetz.need"].browse(answer["result"])
        self.assertEqual(need.partner_id, self.company_a)
        self.assertEqual(need.apprentice_ids, self.apprentice_a1)
        self.assertIn("Anna Albers", need.message_ids.mapped("author_id.name"))
        answer = self.call_kw(company_a, "qnetz.need", "qnetz_portal_update",
                              [need.ids, {"area": "language", "topic": "Deutsch B1"}])
        self.assertIs(answer["result"], True)
        self.assertEqual(need.topic, "Deutsch B1")
        answer = self.call_kw(company_a, "qnetz.need", "qnetz_portal_withdraw",
                              [need.ids, "Azubi hat gewechselt"])
        self.assertIs(answer["result"], True)
        self.assertEqual(need.state, "withdrawn")
        answer = self.call_kw(company_a, "res.partner", "qnetz_portal_add_apprentice", [{
            "name": "Mia Neu", "consent": True, "consent_given_by": "Mia Neu",
            "consent_purpose": "Kurse des Netzwerks"}])
        apprentice = self.env["res.partner"].browse(answer["result"])
        self.assertEqual(apprentice.employer_id, self.company_a)
        self.assertTrue(apprentice.target_profile_ids.consent_date)
        answer = self.call_kw(company_a, "event.event", "qnetz_portal_register",
                              [self.course.ids, [apprentice.id]])
        registration = self.env["event.registration"].browse(answer["result"])
        self.assertEqual(registration.paying_partner_id, self.company_a)
        self.assertEqual(registration.state, "open")
        answer = self.call_kw(company_a, "event.registration", "qnetz_portal_cancel",
                              [registration.ids])
        self.assertIs(answer["result"], True)
        self.assertEqual(registration.state, "cancel")
        # the provider records attendance once the session has begun
        self.run_course(self.course, days_ago=1)
        session = self.course.session_ids.sorted("date_begin")[:1]
        statuses = {str(reg.id): "present" for reg in (self.reg_a | self.reg_b)}
        answer = self.call_kw(provider, "qnetz.course.session", "qnetz_portal_record_attendance",
                              [session.ids, statuses])
        self.assertIs(answer["result"], True, answer)
        self.assertEqual(len(session.attendance_ids), 2)
        # a cancelled registration gets no attendance
        self.reg_b.action_cancel_registration()
        other = self.course.session_ids.sorted("date_begin")[1:2]
        answer = self.call_kw(provider, "qnetz.course.session", "qnetz_portal_record_attendance",
                              [other.ids, statuses])
        self.assertIn("error", answer)
        self.assertFalse(other.attendance_ids)
        # the workflow buttons return a value XML-RPC can carry
        coordinator = self.env.ref("qnetz_base.user_coordinator_demo")
        self.assertIs(self.need_a.sudo(coordinator).action_qualify(), True)
