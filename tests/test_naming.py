"""The naming scheme of the README ("Naming"), checked on the installed registry."""
import os
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
