"""Deny by default over the whole registry: every model, every outside role, every entry.

`/web/dataset/call_kw` and XML-RPC reach every model of the registry: Odoo's, the OCA
addons' and ours. This test enumerates ir.model when it runs and calls, as each outside
role, every generic entry point of every model through `odoo.api.call_kw`, the function
behind /web/dataset/call_kw and XML-RPC's execute_kw (with the method name checked as
they check it; test_boundary_http.py goes over HTTP for the findings themselves).

What a role may do is the allowlist below, written by hand and independent of the
grants (qnetz.share.grant) that implement it. An operation without a line here must be
refused; a line here must still be granted (no stale lines). A model that appears
later (a new addon, a new model of ours) has no line, so anything it lets a share user
do fails this test. Which records of an allowed model a role sees is the record rules'
business and is tested per model (test_access_matrix.py and the addons' tests).
"""
import psycopg2

from odoo import api
from odoo.exceptions import AccessError
from odoo.models import check_method_name

from odoo.addons.qnetz_base.tests.common import report_figure
from odoo.addons.qnetz_base.tests.tags import tagged

from .common import PortalCase

# letters: r read, w write, c create, u unlink. Written from what each role's pages do,
# not copied from the grants.
WEBSITE = {
    "website": "r", "website.menu": "r", "website.page": "r", "website.redirect": "r",
    "ir.ui.view": "r", "ir.attachment": "r", "res.lang": "r", "res.company": "r",
    "res.currency": "r", "res.country": "r", "res.country.state": "r", "res.partner": "r",
    "res.users": "r",
    "qnetz.offer": "r", "qnetz.offer.topic": "r", "qnetz.offer.target.group": "r",
    "qnetz.offer.language": "r", "event.event": "r",
}
VISITOR = dict(WEBSITE)
PORTAL = dict(WEBSITE, **{
    # logging in writes the time of the login as the user
    "res.users.log": "c",
    # the chatter of their own documents
    "mail.message": "r", "mail.message.subtype": "r",
    # the choices of their forms
    "qnetz.district": "r", "qnetz.occupation": "r",
    # their own records; what they change, they change through the portal actions
    "qnetz.need": "r", "event.registration": "r", "qnetz.course.session": "r",
    "qnetz.attendance": "r", "qnetz.course.module": "r", "qnetz.quote.request": "r",
    "qnetz.quote": "r", "account.invoice": "r", "account.invoice.line": "r",
    # Odoo's portal layout looks up the ways to pay
    "payment.acquirer": "r",
    # practice time on machines: the workshops and machines offered, open practice time
    # and the provider's own workshops' bookings, the company's own practice bookings
    # and its apprentices' safety briefings
    "qnetz.workshop": "r", "qnetz.machine": "r", "qnetz.machine.type": "r",
    "qnetz.machine.booking": "r", "qnetz.practice.booking": "r",
    "qnetz.safety.briefing": "r",
})
# the network reader is a portal user: what it reads through portal rights are its
# own (empty) organisation's records; its figures come from /my/netzwerk
NETWORK = dict(PORTAL)
ALLOWED = {
    "visitor": VISITOR,
    "company A": PORTAL, "company B": PORTAL,
    "provider A": PORTAL, "provider B": PORTAL,
    "network": NETWORK,
}
MODE_LETTER = {"read": "r", "write": "w", "create": "c", "unlink": "u"}
# entry point -> the access mode it needs
ENTRY_POINTS = (
    ("read", "read"), ("search_read", "read"), ("name_search", "read"),
    ("export_data", "read"), ("fields_get", "read"), ("read_group", "read"),
    ("message_format", "read"), ("create", "create"), ("write", "write"),
    ("unlink", "unlink"), ("copy", "create"),
)
MISSING_ID = 2147480000
GROUPABLE_TYPES = ("char", "selection", "many2one", "boolean", "date", "datetime", "integer")


@tagged("registry")
class TestRegistryBoundary(PortalCase):

    def setUp(self):
        super(TestRegistryBoundary, self).setUp()
        env = self.env
        other_provider = env["res.partner"].create({
            "name": "Technikzentrum Höxter GmbH", "is_company": True,
            "is_education_provider": True, "district_id": self.hoexter.id,
            "email": "kurse@tz-hoexter.example", "lang": "de_DE"})
        self.user_p2 = self._portal_user(other_provider, "Paul Pohl", "test_portal_p2")
        self.network_user = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nina Netz", "login": "test_network_reader",
            "password": "test_network_reader", "lang": "de_DE",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id,
                                  env.ref("qnetz_base.group_qnetz_network").id])]})
        # something of everything the network holds: a course with registrations,
        # sessions, a need, messages
        self.need = env["qnetz.need"].create(self.need_values(self.company_b, topic="Bedarf B"))
        self.course = self.make_course(seats_max=5)
        env["event.registration"].create(
            {"event_id": self.course.id, "apprentice_id": self.apprentice_b1.id})

    def roles(self):
        return {
            "visitor": self.env.ref("base.public_user"),
            "company A": self.user_a, "company B": self.user_b,
            "provider A": self.user_p, "provider B": self.user_p2,
            "network": self.network_user,
        }

    def models(self):
        names = self.env["ir.model"].search([]).mapped("model")
        return sorted(name for name in names if name in self.env)

    def call(self, env, model, method, args, kwargs):
        """One call as call_kw makes it; True when it returned without an error."""
        check_method_name(method)
        self.cr.execute("SAVEPOINT registry_boundary")
        try:
            api.call_kw(env[model], method, args, kwargs)
            done = True
        except Exception:  # pylint: disable=broad-except
            # refused: by access rights, or by anything else (nothing happened)
            done = False
        try:
            self.cr.execute("ROLLBACK TO SAVEPOINT registry_boundary")
        except psycopg2.Error:
            # the method committed the test cursor (Odoo's TestCursor releases every
            # savepoint then): back to that commit; what it did stays until the end
            self.cr.rollback()
            self.committed.append((env.uid, model, method))
        env.clear()
        return done

    def attempts(self, model, targets, messages):
        """(entry point, args, kwargs) for every generic entry point of `model`."""
        Model = self.env[model]
        # an empty recordset would answer without asking anybody's rights: a model without
        # records (a wizard, an empty table) gets an id that does not exist
        ids = targets.get(model) or [MISSING_ID]
        yield "read", [ids], {}
        yield "search_read", [], {"domain": [], "limit": 3}
        yield "name_search", [], {"name": "", "limit": 3}
        yield "export_data", [ids, ["display_name"]], {}
        yield "fields_get", [], {}
        for name, field in sorted(Model._fields.items()):
            if field.store and field.type in GROUPABLE_TYPES and not field.groups:
                yield "read_group", [], {"domain": [], "fields": [name], "groupby": [name]}
        if messages.get(model):
            yield "message_format", [messages[model]], {}
        yield "create", [{}], {}
        yield "write", [ids, {}], {}
        yield "unlink", [ids], {}
        yield "copy", [ids], {}

    def test_every_model_every_role_every_entry_point(self):
        env = self.env
        models = self.models()
        self.assertGreater(len(models), 300, "the whole registry, not a list of ours")
        targets = {}
        for model in models:
            Model = env[model]
            if Model._abstract or not Model._auto and not Model._table:
                continue
            try:
                with self.cr.savepoint():
                    # the oldest record: the system's or the demo's, not the role's own
                    # (a user may change their own preferences, as Odoo intends)
                    targets[model] = Model.sudo().with_context(active_test=False).search(
                        [], limit=1, order="id").ids
            except Exception:  # pylint: disable=broad-except
                targets[model] = []
        messages = {}
        self.cr.execute("""SELECT model, array_agg(id ORDER BY id DESC)
                             FROM mail_message WHERE model IS NOT NULL GROUP BY model""")
        for model, message_ids in self.cr.fetchall():
            messages[model] = message_ids[:3]
        count, through, stale = 0, [], []
        self.committed = []
        self.sync()
        for who, user in sorted(self.roles().items()):
            user_env = api.Environment(self.cr, user.id, {"lang": "de_DE", "tz": "Europe/Berlin"})
            allowed = ALLOWED[who]
            for model in models:
                letters = allowed.get(model, "")
                # a line of the allowlist must still be granted
                for mode, letter in MODE_LETTER.items():
                    if letter in letters and \
                            not user_env["ir.model.access"].check(model, mode, False):
                        stale.append((who, model, mode))
                for method, args, kwargs in self.attempts(model, targets, messages):
                    mode = dict(ENTRY_POINTS)[method]
                    if method == "message_format":
                        # the messages of the model's records: reading them is reading the
                        # records
                        expected = "r" in letters and "r" in allowed.get("mail.message", "")
                        call_model = "mail.message"
                    else:
                        # copy creates; the fields it copies are read with read's check
                        expected = MODE_LETTER[mode] in letters
                        call_model = model
                    count += 1
                    if self.call(user_env, call_model, method, args, kwargs) and not expected:
                        through.append((who, model, method))
        if self.committed:
            print("committed the cursor: %s" % self.committed[:20])  # pylint: disable=print-used
        report_figure("registry_boundary",
                      "Registry-wide access matrix: %d models, %d roles, %d attempts, "
                      "%d got through" % (len(models), len(self.roles()), count, len(through)))
        self.assertFalse(stale or through, "allowlist lines that are not granted: %s; "
                         "%d got through, e.g. %s" % (stale[:40], len(through), through[:80]))
        self.assertGreaterEqual(count, 20000)

    def test_allowlist_names_only_models_of_the_registry(self):
        models = set(self.models())
        for who, allowed in ALLOWED.items():
            unknown = set(allowed) - models
            self.assertFalse(unknown, "%s: %s" % (who, sorted(unknown)))
            for model, letters in allowed.items():
                self.assertTrue(set(letters) <= set("rwcu"), (who, model, letters))

    def test_gate_refuses_a_model_without_a_grant(self):
        """The gate itself: a grant opens, its removal closes, for share users only."""
        env = self.env
        model = "res.partner.title"  # a harmless stock model every employee may read
        user_env = env(user=self.user_a.id)
        coordinator_env = env(user=self.coordinator.id)
        self.assertTrue(coordinator_env["ir.model.access"].check(model, "read", False))
        self.assertFalse(user_env["ir.model.access"].check(model, "read", False))
        with self.assertRaises(AccessError):
            user_env[model].search([])
        grant = env["qnetz.share.grant"].create({
            "model_id": env["ir.model"]._get(model).id,
            "group_id": env.ref("base.group_portal").id, "perm_read": True,
            "reason": "test"})
        self.assertTrue(user_env["ir.model.access"].check(model, "read", False))
        grant.unlink()
        self.assertFalse(user_env["ir.model.access"].check(model, "read", False))
