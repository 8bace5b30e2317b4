"""The set-up scripts behind `make run` and `make test`, as a newcomer meets them."""
import os
import subprocess
import tempfile
import unittest

from odoo.addons.qnetz_base.tests.tags import tagged

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, "scripts")


def run(script, env):
    return subprocess.run(
        [os.path.join(SCRIPTS, script)], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, universal_newlines=True, timeout=60)


@tagged("subprocess")
class TestFindPython37(unittest.TestCase):

    def test_without_python37_one_clear_line_names_what_to_install(self):
        with tempfile.TemporaryDirectory() as home:
            result = run("find_python37.sh", {"HOME": home, "PATH": "/usr/bin:/bin"})
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertIn("CPython 3.7", result.stderr)
        self.assertIn("pyenv install 3.7", result.stderr)

    def test_finds_a_python37_given_explicitly(self):
        import sys
        # The test suite itself runs on the venv's 3.7 interpreter.
        with tempfile.TemporaryDirectory() as home:
            result = run("find_python37.sh", {
                "HOME": home, "PATH": "/usr/bin:/bin", "PYTHON37": sys.executable})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), sys.executable)

    def test_rejects_an_interpreter_of_another_version(self):
        with tempfile.TemporaryDirectory() as home:
            result = run("find_python37.sh", {
                "HOME": home, "PATH": "/usr/bin:/bin", "PYTHON37": "/bin/true"})
        self.assertEqual(result.returncode, 1)
        self.assertIn("CPython 3.7", result.stderr)


@tagged("subprocess")
class TestWriteConfig(unittest.TestCase):

    def test_config_points_at_this_checkout_and_keeps_the_database_manager_closed(self):
        import sys
        with tempfile.TemporaryDirectory() as state:
            path = os.path.join(state, "odoo.conf")
            subprocess.check_call(
                [sys.executable, os.path.join(SCRIPTS, "write_config.py"), path],
                env=dict(os.environ, HTTP_PORT="8123"))
            with open(path) as conf:
                text = conf.read()
        self.assertIn("addons_path = %s," % ROOT, text)
        self.assertIn("http_port = 8123", text)
        self.assertIn("list_db = False", text)
        self.assertIn(os.path.join(ROOT, "node_modules", ".bin"), text)
