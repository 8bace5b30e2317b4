"""The naming scheme of the README ("Naming"), checked on the installed registry."""
import os
import re
from collections import defaultdict

from lxml import etree

from odoo import fields
from odoo.modules.module import get_module_path, load_information_from_description_file
from odoo.tests.common import SavepointCase

QNETZ = {"qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal"}
# Stock fields qnetz redefines on purpose: extra workflow states ("Läuft", "Warteliste"),
# and the publishing flag of the website mixin with the guide's own default.
REDEFINED = {
    ("event.event", "state"),
    ("event.registration", "state"),
    ("qnetz.offer", "website_published"),
}


class TestNaming(SavepointCase):

    def _field_modules(self):
        """{(model, field): modules whose classes define it}, read from the classes."""
        defined = defaultdict(set)
        for model_name in self.env.registry:
            # the first class of the MRO is the registry's own, holding every field
            for klass in type(self.env[model_name]).__mro__[1:]:
                module = klass.__dict__.get("_module")
                if not module:
                    continue
                for name, value in vars(klass).items():
                    if isinstance(value, fields.Field):
                        defined[model_name, name].add(module)
        return defined

    def test_no_field_of_ours_takes_the_name_of_another_addons_field(self):
        clashes = sorted(
            "%s.%s (%s)" % (model, name, ", ".join(sorted(modules)))
            for (model, name), modules in self._field_modules().items()
            if modules & QNETZ and modules - QNETZ and (model, name) not in REDEFINED)
        self.assertFalse(clashes, "fields of qnetz that another addon also defines")

    def test_fields_carry_no_module_prefix(self):
        prefixed = sorted(
            "%s.%s" % key for key, modules in self._field_modules().items()
            if modules & QNETZ and key[1].startswith("qnetz_"))
        self.assertFalse(prefixed, "fields named with the qnetz_ prefix")

    def test_demo_records_end_in_demo(self):
        records = []
        for addon in sorted(QNETZ):
            path = get_module_path(addon)
            for name in load_information_from_description_file(addon).get("demo", []):
                tree = etree.parse(os.path.join(path, name))
                records += ["%s: %s" % (name, xml_id) for xml_id in tree.xpath("//record/@id")
                            if "." not in xml_id and not xml_id.endswith("_demo")]
        self.assertFalse(records, "demo records whose XML id does not end in _demo")


# Context keys that pre-fill a field on create: {'default_<field>': ...}; search_default_*
# (a search filter) is another key and does not match.
DEFAULT_KEY = re.compile(r"""(?<![\w])['"]default_(\w+)['"]\s*:""")
# The naming scheme of the README for XML ids, by the kind of record they name.
XML_ID_SCHEME = {
    "ir.actions.act_window": re.compile(r"^[a-z0-9_]+_action(_[a-z0-9_]+)?$"),
    "ir.ui.menu": re.compile(r"^menu_[a-z0-9_]+$"),
    "ir.actions.report": re.compile(r"^action_report_[a-z0-9_]+$"),
    "ir.cron": re.compile(r"^ir_cron_[a-z0-9_]+$"),
}
BACKEND_VIEW = re.compile(
    r"^[a-z0-9_]+_view_(form|tree|search|kanban|calendar|pivot|graph)(_[a-z0-9_]+)?$")


def stale_default_keys(context, model):
    """The default_* keys of a context (its text) that name no field of `model`."""
    return sorted("default_" + name for name in DEFAULT_KEY.findall(context or "")
                  if name not in model._fields)


class TestContextKeysAndXmlIds(SavepointCase):
    """An action's or a view's context pre-fills fields that exist (a renamed field leaves
    a key that silently pre-fills nothing), and the XML ids follow the README's scheme."""

    def _ours(self, model):
        data = self.env["ir.model.data"].search(
            [("module", "in", sorted(QNETZ)), ("model", "=", model)])
        return {item.res_id: "%s.%s" % (item.module, item.name) for item in data}

    def test_window_actions_pre_fill_fields_that_exist(self):
        ours = self._ours("ir.actions.act_window")
        stale = []
        for action in self.env["ir.actions.act_window"].browse(sorted(ours)):
            if action.res_model in self.env:
                stale += ["%s: %s" % (ours[action.id], key) for key in
                          stale_default_keys(action.context, self.env[action.res_model])]
        self.assertFalse(stale, "default_* keys naming no field of the action's model")

    def _view_contexts(self, view):
        """(target model, context) of the view's elements with a context: a relational
        field's context pre-fills its comodel, nested views follow their field."""
        found = []

        def walk(element, model):
            for child in element.iterchildren(tag=etree.Element):
                child_model = model
                field = model._fields.get(child.get("name")) if child.tag == "field" else None
                if field is not None and field.relational:
                    child_model = self.env[field.comodel_name]
                    if child.get("context"):
                        found.append((child_model, child.get("context")))
                walk(child, child_model)

        walk(etree.fromstring(view.arch_db.encode("utf-8")), self.env[view.model])
        return found

    def test_views_pre_fill_fields_that_exist(self):
        ours = self._ours("ir.ui.view")
        stale = []
        for view in self.env["ir.ui.view"].browse(sorted(ours)):
            if view.type == "qweb" or view.model not in self.env:
                continue
            for model, context in self._view_contexts(view):
                stale += ["%s: %s on %s" % (ours[view.id], key, model._name)
                          for key in stale_default_keys(context, model)]
        self.assertFalse(stale, "default_* keys naming no field of the target model")

    def test_a_stale_default_key_is_found(self):
        invoice = self.env["account.invoice"]
        context = "{'default_qnetz_course_id': active_id, 'search_default_open': 1}"
        self.assertEqual(stale_default_keys(context, invoice), ["default_qnetz_course_id"])
        self.assertEqual(stale_default_keys("{'default_course_id': active_id}", invoice), [])

    def test_xml_ids_follow_the_scheme(self):
        wrong = []
        for model, scheme in sorted(XML_ID_SCHEME.items()):
            wrong += ["%s (%s)" % (xml_id, model) for xml_id in self._ours(model).values()
                      if not scheme.match(xml_id.split(".", 1)[1])]
        views = self.env["ir.ui.view"].browse(sorted(self._ours("ir.ui.view")))
        wrong += ["%s (ir.ui.view)" % xml_id for view_id, xml_id in
                  self._ours("ir.ui.view").items()
                  if views.browse(view_id).type != "qweb"
                  and not BACKEND_VIEW.match(xml_id.split(".", 1)[1])]
        self.assertFalse(wrong, "XML ids off the README's naming scheme")

    def test_the_scheme_catches_a_wrong_xml_id(self):
        self.assertFalse(XML_ID_SCHEME["ir.cron"].match("cron_qnetz_funder_claims"))
        self.assertFalse(XML_ID_SCHEME["ir.ui.menu"].match("qnetz_project_menu"))
        self.assertFalse(BACKEND_VIEW.match("view_account_invoice_filter_qnetz"))
        self.assertTrue(BACKEND_VIEW.match("qnetz_course_view_form_billing"))
