"""The backend of the four addons speaks German without holes.

Every window view of qnetz is rendered as Odoo renders it for the browser
(fields_view_get), once in English and once in German. A label, a selection value or
a text of the view that reads the same in both languages is an untranslated English
leftover, unless it is a word both languages share (ALLOWED). A `state` field that
reads "Bundesland" has taken the translation of the country state's label.
"""
import re

from lxml import etree

from odoo.tests.common import SavepointCase

ADDONS = ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")
# Words that are the same in English and German, names, units and abbreviations.
ALLOWED = {
    "Name", "Status", "E-Mail", "Start", "Partner", "Team", "Web", "Website", "Online",
    "Region", "Hotline", "Code", "Portal", "Manager", "Kanban", "Details", "Info",
    "Logo", "Text", "Thema", "Service", "Format", "Notiz", "Minimum", "Maximum",
    "Details", "Fax", "Mobil", "Job", "Position", "Sektor", "Software", "Link", "PDF",
    "XLSX", "URL", "ID", "IBAN", "BIC", "PLZ", "Total", "Feedback", "Filter",
    "Holzminden", "Höxter", "Kreis Höxter", "Landkreis Holzminden", "NRW", "Niedersachsen",
    "A1", "A2", "B1", "B2", "C1", "C2", "1", "2", "3", "4", "%", "h", "€",
    "Pivot", "Test", "Mentoring", "Coaching", "Azubi", "Azubis", "Normal",
    "Tutorial", "Workshop", "Level", "Bundesland", "Land", "BAMF", "Person",
}
# A network course is a "Kurs" everywhere, never one of the stock words for an event.
EVENT_WORDS = re.compile(r"\b(Veranstaltung|Anlass|Anlässe|Event)", re.IGNORECASE)
TEXT_ATTRIBUTES = ("string", "help", "placeholder", "confirm", "sum", "title")
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")


def _texts(arch):
    """(where, text) of every user-facing text of a rendered view's arch."""
    root = etree.fromstring(arch) if isinstance(arch, str) else arch
    result = []
    for node in root.iter(etree.Element):
        # QWeb inside kanban cards: only the plain texts, not the expressions
        for attribute in TEXT_ATTRIBUTES:
            if node.get(attribute):
                result.append(("%s@%s" % (node.tag, attribute), node.get(attribute)))
        for text in (node.text, node.tail):
            if text and text.strip():
                result.append((node.tag, text.strip()))
    return result


def _labelled(arch):
    """Names of the fields whose label the view itself gives."""
    root = etree.fromstring(arch) if isinstance(arch, str) else arch
    return {node.get("name") for node in root.iter("field") if node.get("string")}


def _english(text):
    return bool(WORD.search(text)) and text not in ALLOWED and not text.startswith("e.g.")


class TestGermanBackend(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestGermanBackend, cls).setUpClass()
        data = cls.env["ir.model.data"].search([
            ("module", "in", ADDONS), ("model", "=", "ir.ui.view")])
        views = cls.env["ir.ui.view"].browse(data.mapped("res_id")).exists()
        # the window views a user opens: primary ones, and the stock views qnetz extends
        windows = views.filtered(lambda v: v.type in ("form", "tree", "kanban", "search",
                                                      "pivot", "graph", "calendar"))
        roots = cls.env["ir.ui.view"]
        for view in windows:
            while view.mode == "extension" and view.inherit_id:
                view = view.inherit_id
            roots |= view
        cls.roots = roots

    def _render(self, view, lang):
        env = self.env(context=dict(self.env.context, lang=lang))
        return env[view.model].fields_view_get(view_id=view.id, view_type=view.type)

    def _qnetz_fields(self):
        data = self.env["ir.model.data"].search([
            ("module", "in", ADDONS), ("model", "=", "ir.model.fields")])
        return {(f.model, f.name) for f in self.env["ir.model.fields"].browse(
            data.mapped("res_id")).exists()}

    def test_no_english_in_german_views(self):
        own_fields = self._qnetz_fields()
        problems = set()
        for view in self.roots:
            en, de = self._render(view, "en_US"), self._render(view, "de_DE")
            en_texts, de_texts = _texts(en["arch"]), _texts(de["arch"])
            if len(en_texts) == len(de_texts):
                for (where, en_text), (_where, de_text) in zip(en_texts, de_texts):
                    if en_text == de_text and _english(en_text):
                        problems.add("%s %s: %r" % (view.xml_id or view.name, where, en_text))
            for name, en_field in en["fields"].items():
                de_field = de["fields"][name]
                qnetz_field = (view.model, name) in own_fields
                if (qnetz_field or name == "state") and en_field["string"] == de_field["string"] \
                        and _english(en_field["string"]):
                    problems.add("%s field %s: %r" % (view.model, name, en_field["string"]))
                if name == "state" and de_field["string"] == "Bundesland" \
                        and en_field.get("relation") != "res.country.state":
                    problems.add("%s field state reads 'Bundesland'" % view.model)
                if de_field.get("selection") and (qnetz_field or name == "state"):
                    en_labels = dict(en_field["selection"])
                    for key, label in de_field["selection"]:
                        if label and label == en_labels.get(key) and _english(label):
                            problems.add("%s field %s value %r" % (view.model, name, label))
        self.assertFalse(problems, "English in the German backend:\n" + "\n".join(
            sorted(problems)))

    def test_state_fields_have_their_own_label(self):
        """No status field of the network reads like the country state."""
        for model in ("qnetz.need", "event.event", "event.registration", "account.invoice"):
            label = self.env[model].with_context(lang="de_DE").fields_get(["state"])["state"]
            self.assertEqual(label["string"], "Status", model)

    def test_course_states_are_german(self):
        fields = self.env["event.event"].with_context(lang="de_DE").fields_get(["state"])
        labels = dict(fields["state"]["selection"])
        self.assertEqual(labels["running"], "Läuft")
        # in the order a course goes through them, in the network's words
        self.assertEqual(fields["state"]["selection"], [
            ("draft", "Geplant"), ("confirm", "Bestätigt"), ("running", "Läuft"),
            ("done", "Abgeschlossen"), ("cancel", "Abgesagt")])
        registration = self.env["event.registration"].with_context(lang="de_DE").fields_get(
            ["state"])
        self.assertEqual(dict(registration["state"]["selection"])["waiting"], "Warteliste")

    def test_a_course_is_a_kurs_everywhere(self):
        env = self.env(context=dict(self.env.context, lang="de_DE"))
        problems = set()
        root = env.ref("qnetz_base.menu_qnetz_root")
        menus = env["ir.ui.menu"].search([("id", "child_of", root.id)])
        for menu in menus:
            if EVENT_WORDS.search(menu.name):
                problems.add("menu %r" % menu.name)
            if menu.action and EVENT_WORDS.search(menu.action.name or ""):
                problems.add("action %r" % menu.action.name)
        courses = self.roots.filtered(lambda v: v.model in ("event.event", "event.registration")
                                      and v.xml_id.split(".")[0] in ADDONS)
        self.assertTrue(courses)
        for view in courses | self.roots.filtered(lambda v: v.model.startswith("qnetz.")):
            de = self._render(view, "de_DE")
            for where, text in _texts(de["arch"]):
                if EVENT_WORDS.search(text):
                    problems.add("%s %s: %r" % (view.xml_id, where, text))
            labelled = _labelled(de["arch"])
            # kanban and calendar cards show values, not the labels of their fields
            shown = de["fields"] if view.type in ("form", "tree", "search") else {}
            for name, field in shown.items():
                if name not in labelled and EVENT_WORDS.search(field["string"]):
                    problems.add("%s field %s: %r" % (view.model, name, field["string"]))
        self.assertFalse(problems, "Not 'Kurs':\n" + "\n".join(sorted(problems)))
