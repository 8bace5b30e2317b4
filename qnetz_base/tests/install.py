"""What an addon's install must have done, for every qnetz addon's test_install."""
import csv
import os

from lxml import etree

from odoo.modules.module import get_module_path, load_information_from_description_file

# evaluation: a feature's evaluation set (qnetz_courses/bundling/evaluation, issue 23) is
# measured against by a benchmark, never loaded
SKIPPED_DIRS = {"tests", "static", "i18n", "migrations", "benchmarks", "evaluation",
                "__pycache__"}
RECORD_TAGS = ("record", "template", "menuitem", "report", "act_window")


def data_files(addon):
    """The addon's XML and CSV files outside tests, static assets, translations and
    migrations, relative to the addon."""
    root = get_module_path(addon)
    found = set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
        found |= {os.path.relpath(os.path.join(folder, name), root) for name in names
                  if name.endswith((".xml", ".csv"))}
    return found


def defined_xml_ids(addon, path):
    """The full XML ids a data file of the addon defines."""
    full = os.path.join(get_module_path(addon), path)
    if path.endswith(".csv"):
        with open(full, encoding="utf-8") as handle:
            names = [row["id"] for row in csv.DictReader(handle)]
    else:
        names = [element.get("id") for element in etree.parse(full).iter(*RECORD_TAGS)
                 if element.get("id")]
    return ["%s.%s" % (addon, name) if "." not in name else name for name in names]


class ManifestLoadedMixin(object):
    """The manifest lists every data file of the addon (one left out would silently not
    load), and every record those files define is in the database."""

    addon = None

    def test_manifest_lists_every_data_file(self):
        manifest = load_information_from_description_file(self.addon)
        listed = set(manifest.get("data", [])) | set(manifest.get("demo", []))
        self.assertEqual(sorted(data_files(self.addon) - listed), [],
                         "data files the manifest of %s does not load" % self.addon)

    def test_every_record_of_the_data_files_is_loaded(self):
        manifest = load_information_from_description_file(self.addon)
        module = self.env["ir.module.module"].search([("name", "=", self.addon)])
        files = manifest.get("data", []) + (manifest.get("demo", []) if module.demo else [])
        self.assertTrue(files)
        missing = ["%s: %s" % (path, xml_id) for path in files
                   for xml_id in defined_xml_ids(self.addon, path)
                   if not self.env.ref(xml_id, raise_if_not_found=False)]
        self.assertFalse(missing, "records of %s not in the database" % self.addon)
