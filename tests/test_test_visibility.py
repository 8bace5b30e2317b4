"""Every test module of the addons runs under Odoo's own test runner too, not only under
pytest: Odoo (and an OCA-style CI) runs the modules that `<addon>/tests/__init__.py`
imports, pytest-odoo every test_*.py file it finds."""
import importlib
import inspect
import os
import shutil
import sys
import tempfile
import unittest

from odoo.modules.module import get_module_path, get_test_modules

ADDONS = ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")
SKIPPED_DIRS = {"__pycache__", "node_modules", "static", "benchmarks", "migrations"}


def find_test_files(addon_dir):
    """The test_*.py files in the addon's tests folders (qnetz_courses has one per
    feature), as pytest finds them."""
    found = set()
    for folder, dirs, names in os.walk(addon_dir):
        dirs[:] = sorted(name for name in dirs if name not in SKIPPED_DIRS)
        if os.path.basename(folder) == "tests":
            found |= {os.path.join(folder, name) for name in names
                      if name.startswith("test_") and name.endswith(".py")}
    return found


def runner_modules(tests_package):
    """What Odoo's runner takes from `<addon>.tests` (odoo.modules.module.get_test_modules):
    its attributes that are modules named test_*."""
    return [module for name, module in inspect.getmembers(tests_package, inspect.ismodule)
            if name.startswith("test_")]


def invisible_test_files(addon_dir, modules):
    """The test files of the addon that none of `modules` is, relative to the addon."""
    visible = {os.path.realpath(module.__file__) for module in modules}
    return sorted(os.path.relpath(path, addon_dir) for path in find_test_files(addon_dir)
                  if os.path.realpath(path) not in visible)


class TestEveryTestModuleRunsUnderOdoo(unittest.TestCase):

    def test_odoos_runner_sees_every_test_file(self):
        for addon in ADDONS:
            modules = get_test_modules(addon)
            self.assertTrue(modules, "%s: Odoo's runner finds no test module" % addon)
            self.assertEqual(invisible_test_files(get_module_path(addon), modules), [],
                             "%s: test modules missing in tests/__init__.py" % addon)

    def test_the_check_reads_the_package_as_odoo_does(self):
        for addon in ADDONS:
            package = importlib.import_module("odoo.addons.%s.tests" % addon)
            self.assertEqual(runner_modules(package), get_test_modules(addon), addon)


class TestPlantedInvisibleTestModule(unittest.TestCase):
    """The check on a small addon whose tests/__init__.py forgets two test modules."""

    PACKAGE = "qnetz_planted_visibility_addon"

    def setUp(self):
        super(TestPlantedInvisibleTestModule, self).setUp()
        self.root = tempfile.mkdtemp(prefix="qnetz_visibility_")
        self.addCleanup(shutil.rmtree, self.root)
        files = {
            "__init__.py": "from . import feature\n",
            "tests/__init__.py": ("from . import test_seen\n"
                                  "from ..feature.tests import test_feature_seen\n"),
            "tests/test_seen.py": "",
            "tests/test_forgotten.py": "",
            "feature/__init__.py": "",
            "feature/tests/__init__.py": "",
            "feature/tests/test_feature_seen.py": "",
            "feature/tests/test_feature_forgotten.py": "",
            "feature/tests/common.py": "",
        }
        for path, text in files.items():
            full = os.path.join(self.root, self.PACKAGE, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as handle:
                handle.write(text)
        sys.path.insert(0, self.root)
        self.addCleanup(sys.path.remove, self.root)
        self.addCleanup(self._forget_package)

    def _forget_package(self):
        for name in [name for name in sys.modules if name.split(".")[0] == self.PACKAGE]:
            del sys.modules[name]

    def test_forgotten_modules_are_reported(self):
        package = importlib.import_module(self.PACKAGE + ".tests")
        modules = runner_modules(package)
        self.assertEqual(sorted(module.__name__.rsplit(".", 1)[1] for module in modules),
                         ["test_feature_seen", "test_seen"])
        self.assertEqual(
            invisible_test_files(os.path.join(self.root, self.PACKAGE), modules),
            [os.path.join("feature", "tests", "test_feature_forgotten.py"),
             os.path.join("tests", "test_forgotten.py")])
