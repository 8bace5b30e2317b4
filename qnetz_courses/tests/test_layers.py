import ast
import os
import shutil
import tempfile
import unittest

from odoo.addons import qnetz_courses

from .layers import Layers

ADDON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _report(violations):
    return "\n".join("%s:%s %s names %s (%s)" % (
        v.path, v.line, v.feature, v.target_feature, v.what) for v in violations)


class TestLayers(unittest.TestCase):
    """A feature of qnetz_courses uses the ones below it (qnetz_courses.FEATURES), never
    the ones above it: not by import, by model name or by XML id."""

    def test_no_feature_names_one_above_it(self):
        violations = Layers(ADDON_DIR, qnetz_courses.FEATURES).violations()
        self.assertFalse(violations, "references up the order:\n" + _report(violations))

    def test_the_addon_loads_its_features_in_their_order(self):
        with open(os.path.join(ADDON_DIR, "__init__.py"), encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        imported = tuple(alias.name for node in tree.body if isinstance(node, ast.ImportFrom)
                         for alias in node.names)
        self.assertEqual(imported, qnetz_courses.FEATURES)
        for feature in qnetz_courses.FEATURES:
            self.assertTrue(os.path.isdir(os.path.join(ADDON_DIR, feature)), feature)

    def test_the_addon_holds_nothing_outside_its_features(self):
        """Code, views and data live in a feature; at the top only the addon's frame."""
        frame = {"__init__.py", "__manifest__.py", "README.rst", "benchmarks", "i18n",
                 "migrations", "static", "tests"} | set(qnetz_courses.FEATURES)
        self.assertEqual(sorted(set(os.listdir(ADDON_DIR)) - frame - {"__pycache__"}), [])


class TestLayersCatchPlantedViolations(unittest.TestCase):
    """The checker itself, on a small tree with one reference of each kind up the order."""

    def setUp(self):
        super(TestLayersCatchPlantedViolations, self).setUp()
        self.root = tempfile.mkdtemp(prefix="qnetz_layers_")
        self.addCleanup(shutil.rmtree, self.root)
        self._write("low/models/course.py", (
            "from odoo import models\n\n\n"
            "class Course(models.Model):\n"
            "    _name = 'qnetz.low.course'\n"))
        self._write("high/models/project.py", (
            "from odoo import models\n\n\n"
            "class Project(models.Model):\n"
            "    _name = 'qnetz.high.project'\n\n\n"
            "class Course(models.Model):\n"
            "    _inherit = 'qnetz.low.course'\n"))
        self._write("high/views/project_views.xml", (
            '<odoo>\n'
            '  <record id="qnetz_high_project_action" model="ir.actions.act_window">\n'
            '    <field name="res_model">qnetz.high.project</field>\n'
            '  </record>\n'
            '  <record id="course_view_form" model="ir.ui.view">\n'
            '    <field name="inherit_id" ref="qnetz_low_course_view_form"/>\n'
            '  </record>\n'
            '</odoo>\n'))
        self._write("low/views/course_views.xml", (
            '<odoo>\n'
            '  <record id="qnetz_low_course_view_form" model="ir.ui.view">\n'
            '    <field name="model">qnetz.low.course</field>\n'
            '  </record>\n'
            '</odoo>\n'))

    def _write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)

    def _violations(self):
        return Layers(self.root, ("low", "high")).violations()

    def test_references_down_the_order_pass(self):
        self.assertEqual(self._violations(), [])

    def test_model_name_up_the_order_fails(self):
        self._write("low/models/course_project.py", (
            "from odoo import models\n\n\n"
            "class Course(models.Model):\n"
            "    _inherit = 'qnetz.low.course'\n\n"
            "    def _projects(self):\n"
            "        return self.env['qnetz.high.project'].search([])\n"))
        [violation] = self._violations()
        self.assertEqual((violation.path, violation.line, violation.target_feature),
                         (os.path.join("low", "models", "course_project.py"), 8, "high"))

    def test_import_up_the_order_fails(self):
        self._write("low/models/course_import.py", (
            "from ...high.models.project import Project\n"
            "from odoo.addons.qnetz_courses.high.models import project\n"))
        self.assertEqual([v.line for v in self._violations()], [1, 2])

    def test_xml_id_up_the_order_fails(self):
        self._write("low/views/course_menus.xml", (
            '<odoo>\n'
            '  <menuitem id="menu_qnetz_projects" action="qnetz_high_project_action"/>\n'
            '  <record id="qnetz_low_button" model="ir.ui.view">\n'
            '    <field name="arch" type="xml">\n'
            '      <button name="%(qnetz_courses.qnetz_high_project_action)d"/>\n'
            '    </field>\n'
            '  </record>\n'
            '</odoo>\n'))
        self.assertEqual([(v.line, v.what) for v in self._violations()], [
            (2, "action=qnetz_high_project_action"),
            (5, "ref qnetz_high_project_action")])

    def test_access_rule_of_a_model_above_fails(self):
        self._write("low/security/ir.model.access.csv", (
            "id,name,model_id:id,group_id:id,perm_read\n"
            "access_project,project,model_qnetz_high_project,,1\n"))
        [violation] = self._violations()
        self.assertEqual((violation.line, violation.what),
                         (2, "model_id:id model_qnetz_high_project"))
