"""One fact, one place: rules that cross features are written in one file and called
from everywhere else. This test reads the addons' code and fails when a rule is written
out again somewhere else (the shapes the rules took before they had their home)."""
import os
import re
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")

# rule: (its home, relative to the repository, and what a copy of it looks like)
HOMES = {
    "a to-do for a person (mail.thread._qnetz_todo)": (
        "qnetz_base/models/mail_thread.py", re.compile(r"mail\.mail_activity_data_todo")),
    "who the coordinators are (res.users._qnetz_coordinators)": (
        "qnetz_base/models/res_users_coordinator.py",
        re.compile(r"group_qnetz_coordinator[\"']\)\s*\.(sudo\(\)\.)?users")),
    "who delivers courses (PROVIDER_DOMAIN, res.partner._qnetz_is_provider)": (
        "qnetz_base/models/res_partner.py",
        re.compile(r"is_education_provider\s+or\s+\w+(\.\w+)*\.is_vocational_school"
                   r"|\(\s*[\"']is_education_provider[\"'],\s*[\"']=[\"'],\s*True\s*\)")),
    "how dates are written (course_time.DATE_FORMAT)": (
        "qnetz_courses/spine/course_time.py", re.compile(r"%d\.%m\.%Y")),
}


def python_files(root):
    for addon in ADDONS:
        for folder, dirs, files in os.walk(os.path.join(root, addon)):
            # tests and benchmarks build their own worlds; the rules are about the product
            dirs[:] = [d for d in dirs if d not in ("tests", "benchmarks", "migrations")]
            for name in files:
                if name.endswith(".py"):
                    yield os.path.join(folder, name)


def copies(root=ROOT):
    """{rule: [file:line of a copy outside its home]}."""
    found = {}
    for path in python_files(root):
        relative = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        for rule, (home, pattern) in HOMES.items():
            if relative == home:
                continue
            for number, line in enumerate(lines, 1):
                if pattern.search(line) and not line.lstrip().startswith("#"):
                    found.setdefault(rule, []).append("%s:%d" % (relative, number))
    return found


class TestOneHome(unittest.TestCase):

    def test_each_rule_is_written_in_its_home_only(self):
        self.assertEqual(copies(), {})

    def test_each_home_holds_its_rule(self):
        for rule, (home, pattern) in HOMES.items():
            with open(os.path.join(ROOT, home), encoding="utf-8") as handle:
                self.assertRegex(handle.read(), pattern, rule)

    def test_a_copy_is_found(self):
        planted = {
            "qnetz_portal/models/planted.py": (
                'todo = self.env.ref("mail.mail_activity_data_todo")\n'
                'users = self.env.ref("qnetz_base.group_qnetz_coordinator").users\n'
                'if company.is_education_provider or company.is_vocational_school:\n'
                '    day.strftime("%d.%m.%Y")\n'),
        }
        with tempfile.TemporaryDirectory() as root:
            for relative, text in planted.items():
                os.makedirs(os.path.dirname(os.path.join(root, relative)))
                with open(os.path.join(root, relative), "w") as handle:
                    handle.write(text)
            self.assertEqual(set(copies(root)), set(HOMES))
