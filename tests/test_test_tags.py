"""The slow kinds of test carry their tag (qnetz_base/tests/tags.py), so that
`make test-fast` really leaves them out: a test file that drives Chromium, commits or runs
another program tags the tests that do."""
import importlib
import inspect
import os
import re
import unittest

from odoo.addons.qnetz_base.tests.tags import TAGS, tagged

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")
# what in a test file's text shows each kind
SIGNS = {
    "browser": re.compile(r"run_browser_script\("),
    "commit": re.compile(r"\.commit\(\)"),
    "subprocess": re.compile(r"subprocess\.|test_report_directory"),
}


def used_tags(module):
    """The tags on the test classes of a module and on their methods."""
    found = set()
    for _name, klass in inspect.getmembers(module, inspect.isclass):
        if issubclass(klass, unittest.TestCase) and klass.__module__ == module.__name__:
            found |= set(getattr(klass, "qnetz_tags", ()))
            for _attr, method in inspect.getmembers(klass, inspect.isfunction):
                found |= set(getattr(method, "qnetz_tags", ()))
    return found


def untagged(text, module):
    """The kinds a test file's text shows that none of its tests is tagged with."""
    return sorted(tag for tag, sign in SIGNS.items()
                  if sign.search(text) and tag not in used_tags(module))


class TestSlowTestsAreTagged(unittest.TestCase):

    def test_every_slow_kind_of_test_is_tagged(self):
        missing = []
        for addon in ADDONS:
            for module in importlib.import_module("odoo.addons.%s.tests" % addon).__dict__.values():
                if not inspect.ismodule(module) or not module.__name__.rsplit(".", 1)[-1] \
                        .startswith("test_"):
                    continue
                with open(module.__file__, encoding="utf-8") as handle:
                    text = handle.read()
                missing += ["%s: %s" % (module.__name__, tag) for tag in untagged(text, module)]
        self.assertFalse(missing, "slow tests without their tag")

    def test_an_untagged_browser_test_is_found(self):
        class Untagged(unittest.TestCase):
            def test_page(self):
                pass

        @tagged("browser")
        class Tagged(unittest.TestCase):
            def test_page(self):
                pass

        for klass, expected in ((Untagged, ["browser"]), (Tagged, [])):
            module = type(unittest)(__name__ + ".planted")
            klass.__module__ = module.__name__
            module.planted = klass
            self.assertEqual(untagged("run_browser_script(SCRIPT)", module), expected)

    def test_only_known_tags(self):
        self.assertEqual(TAGS, ("browser", "commit", "subprocess", "registry", "slow"))
        with self.assertRaises(ValueError):
            tagged("quick")
