import json

from lxml import etree

from odoo.exceptions import AccessError

from ...tests.common import QnetzCoursesCase

COORDINATOR = "qnetz_base.group_qnetz_coordinator"


class TestNetworkUser(QnetzCoursesCase):
    """The network user sees figures, needs and courses: no named apprentice, no
    target-group marker, and no button or action the server would refuse them."""

    @classmethod
    def setUpClass(cls):
        super(TestNetworkUser, cls).setUpClass()
        cls.reader = cls.env["res.users"].create({
            "name": "Netzwerk Leser", "login": "qnetz_network_reader",
            "groups_id": [(6, 0, [cls.env.ref("qnetz_base.group_qnetz_user").id])]})
        cls.course = cls._create_course(seats_min=1)
        cls.registration = cls._register(cls.course, cls.apprentices[0])
        cls.need = cls.env["qnetz.need"].create({
            "partner_id": cls.company_a.id, "area": "theory", "topic": "Messtechnik",
            "participant_count": 2,
            "apprentice_ids": [(6, 0, cls.apprentices[:2].ids)]})

    @staticmethod
    def _shown(node):
        """Odoo 11 keeps a node the user's groups exclude, marked invisible."""
        modifiers = json.loads(node.get("modifiers") or "{}")
        return modifiers.get("invisible") is not True

    def _form(self, model, xmlid=None):
        view_id = self.env.ref(xmlid).id if xmlid else None
        result = self.env[model].sudo(self.reader).fields_view_get(
            view_id=view_id, view_type="form")
        return result, etree.fromstring(result["arch"])

    def test_never_an_apprentice_name(self):
        Partner = self.env["res.partner"].sudo(self.reader)
        self.assertFalse(Partner.search([("is_apprentice", "=", True)]))
        self.assertFalse(Partner.search([("id", "in", self.apprentices.ids)]))
        with self.assertRaises(AccessError):
            self.apprentices[0].sudo(self.reader).read(["name"])
        # registrations and attendance name the participants
        self.assertFalse(self.env["event.registration"].sudo(self.reader).search([]))
        self.assertFalse(self.env["qnetz.attendance"].sudo(self.reader).search([]))
        # the needs and courses themselves stay readable, without the named people
        need = self.need.sudo(self.reader)
        self.assertEqual(need.topic, "Messtechnik")
        self.assertFalse(need.read(["apprentice_ids"])[0]["apprentice_ids"])
        self.assertEqual(self.course.sudo(self.reader).name, "Hydraulik Grundlagen")
        # the target-group markers are the coordinator's alone
        self.assertFalse(self.env["qnetz.target.profile"].sudo(self.reader).check_access_rights(
            "read", raise_exception=False))
        # the coordinator still sees everyone
        coordinator = self.env["res.users"].create({
            "name": "Koordination Test", "login": "qnetz_network_coord",
            "groups_id": [(6, 0, [self.env.ref(COORDINATOR).id])]})
        self.assertEqual(self.env["res.partner"].sudo(coordinator).search(
            [("id", "in", self.apprentices.ids)]), self.apprentices)
        self.assertTrue(self.env["event.registration"].sudo(coordinator).search(
            [("id", "=", self.registration.id)]))

    def test_views_offer_no_button_the_server_refuses(self):
        for model, xmlid in (("event.event", "qnetz_courses.qnetz_course_view_form"),
                             ("qnetz.need", "qnetz_base.qnetz_need_view_form"),
                             ("qnetz.course.session",
                              "qnetz_courses.qnetz_course_session_view_form"),
                             ("qnetz.bundle.proposal", None)):
            result, arch = self._form(model, xmlid)
            self.assertFalse(self.env[model].sudo(self.reader).check_access_rights(
                "write", raise_exception=False), model)
            # stat buttons only open lists; every other button would change something
            buttons = [b.get("name") for b in arch.iter("button") if self._shown(b)
                       and "oe_stat_button" not in (b.get("class") or "")
                       and b.get("special") != "cancel"]
            self.assertFalse(buttons, "%s offers %s" % (model, buttons))
        result, arch = self._form("event.event", "qnetz_courses.qnetz_course_view_form")
        page = arch.xpath("//page[@name='participants']")[0]
        self.assertFalse(self._shown(page), "the named participants are not shown")
        result, arch = self._form("qnetz.need", "qnetz_base.qnetz_need_view_form")
        self.assertFalse(self._shown(arch.xpath("//field[@name='apprentice_ids']")[0]))

    def test_action_menus_offer_nothing_the_server_refuses(self):
        """The network's own actions (anonymise, bill) are the coordinator's: the Action
        menu does not offer them to the network user."""
        Actions = self.env["ir.actions.actions"].sudo(self.reader)
        Data = self.env["ir.model.data"]
        for model in ("res.partner", "event.event", "qnetz.need", "event.registration"):
            bound = Actions.get_bindings(model)
            for action in bound.get("action", []):
                xmlid = Data.search([("model", "=", action["type"]),
                                     ("res_id", "=", action["id"])], limit=1)
                self.assertNotIn(xmlid.module, ("qnetz_base", "qnetz_courses"),
                                 "%s offers %s" % (model, action["name"]))
        coordinator_offers = self.env["ir.actions.actions"].get_bindings("res.partner")
        self.assertIn(self.env.ref("qnetz_base.qnetz_anonymise_wizard_action").id,
                      [a["id"] for a in coordinator_offers["action"]])

    def test_menus_without_named_people(self):
        Menu = self.env["ir.ui.menu"].sudo(self.reader)
        visible = Menu.search([]).ids
        for xmlid in ("qnetz_base.menu_qnetz_apprentices", "qnetz_courses.menu_qnetz_registration",
                      "qnetz_courses.menu_qnetz_attendance", "qnetz_base.menu_qnetz_target_profile",
                      "qnetz_courses.menu_qnetz_report_analysis", "event.event_main_menu"):
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu:
                self.assertNotIn(menu.id, visible, xmlid)
        for xmlid in ("qnetz_base.menu_qnetz_need", "qnetz_courses.menu_qnetz_course",
                      "qnetz_courses.menu_qnetz_report_dashboard"):
            self.assertIn(self.env.ref(xmlid).id, visible, xmlid)

    def test_figures_are_the_network_users_overview(self):
        wizard = self.env["qnetz.report.wizard"].sudo(self.reader).create({})
        self.assertFalse(wizard.figures_error)
        self.assertIn("data-row", wizard.figures_html)
