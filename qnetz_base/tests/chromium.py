"""Runs the browser test scripts (playwright-core driving Debian's Chromium) from
HttpCase tests of every qnetz addon. The script talks to the HTTP server that runs
inside the test process, so it sees the test's data; screenshots go to artifacts/."""
import os
import subprocess

import odoo

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, "artifacts")


def run_browser_script(script, timeout=300, **env):
    """Runs `node script` with BASE_URL (the test server's, unless given) and the given
    variables; returns (exit code, everything it printed)."""
    variables = dict(os.environ, NODE_PATH=os.path.join(ROOT, "node_modules"),
                     BASE_URL="http://127.0.0.1:%s" % odoo.tools.config["http_port"])
    variables.update({key: str(value) for key, value in env.items()})
    result = subprocess.run(
        ["node", script], cwd=ROOT, env=variables, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=timeout)
    return result.returncode, result.stdout.decode("utf-8", "replace")
