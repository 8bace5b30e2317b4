"""The production profile's generated configuration (scripts/write_prod_config.py)."""
import configparser
import os
import re
import subprocess
import sys
import tempfile
import unittest

from passlib.context import CryptContext
from odoo.addons.qnetz_base.tests.tags import tagged

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "scripts", "write_prod_config.py")
SETTINGS = ("WORKERS", "HTTP_PORT", "LONGPOLLING_PORT", "DATA_DIR", "SERVER_NAME", "APP_SERVERS",
            "TLS_CERT", "TLS_KEY", "MAX_UPLOAD", "SMTP_HOST", "SMTP_PORT", "SMTP_USER",
            "SMTP_PASSWORD", "SMTP_SSL", "EMAIL_FROM", "NGINX_CACHE_DIR")


@tagged("subprocess")
class TestProdConfig(unittest.TestCase):

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)
        self.conf = os.path.join(self.folder.name, "prod.conf")
        self.site = os.path.join(self.folder.name, "nginx.conf")

    def generate(self, **settings):
        env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
        env.update(settings)
        result = subprocess.run(
            [sys.executable, SCRIPT, self.conf, self.site, "qnetz_prod"], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(self.conf)
        with open(self.site) as site:
            return result.stdout, dict(parser["options"]), site.read()

    def test_odoo_runs_prefork_behind_a_proxy_for_one_database(self):
        _, options, _ = self.generate()
        self.assertEqual(options["workers"], str(2 * os.cpu_count() + 1))
        self.assertEqual(options["max_cron_threads"], "1")
        self.assertEqual(options["longpolling_port"], "8072")
        self.assertEqual(options["proxy_mode"], "True")
        self.assertEqual(options["list_db"], "False")
        self.assertEqual(options["dbfilter"], "^qnetz_prod$")
        self.assertEqual(options["without_demo"], "all")
        self.assertEqual(options["http_interface"], "127.0.0.1")
        self.assertEqual(os.stat(self.conf).st_mode & 0o077, 0, "readable by others")

    def test_master_password_is_random_stored_hashed_and_shown_once(self):
        out, options, _ = self.generate()
        password = re.search(r"keep it safe\):\s+(\S+)", out).group(1)
        stored = options["admin_passwd"]
        self.assertNotIn(password, open(self.conf).read())
        self.assertTrue(CryptContext(["pbkdf2_sha512"]).verify(password, stored))
        out_again, options_again, _ = self.generate(WORKERS="3")
        self.assertEqual(options_again["admin_passwd"], stored)
        self.assertNotIn("password", out_again)
        self.assertEqual(options_again["workers"], "3")
        self.folder2 = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder2.cleanup)
        self.conf = os.path.join(self.folder2.name, "prod.conf")
        out_other, _, _ = self.generate()
        self.assertNotIn(password, out_other)

    def test_mail_server_comes_from_the_environment_or_mail_is_held(self):
        _, options, _ = self.generate()
        self.assertEqual(options["smtp_server"], "False")
        _, options, _ = self.generate(SMTP_HOST="mail.example.org", SMTP_USER="qnetz",
                                      SMTP_PASSWORD="secret", EMAIL_FROM="kurse@example.org")
        self.assertEqual(options["smtp_server"], "mail.example.org")
        self.assertEqual(options["smtp_user"], "qnetz")
        self.assertEqual(options["email_from"], "kurse@example.org")

    def test_nginx_routes_longpolling_compresses_caches_static_and_limits_uploads(self):
        _, _, site = self.generate(HTTP_PORT="8314", LONGPOLLING_PORT="8315", MAX_UPLOAD="20m")
        self.assertIn("server 127.0.0.1:8314;", site)
        self.assertIn("server 127.0.0.1:8315;", site)
        self.assertRegex(site, r"location /longpolling \{\s+proxy_pass http://qnetz_longpolling;")
        self.assertIn("gzip on;", site)
        self.assertIn("client_max_body_size 20m;", site)
        self.assertRegex(site, r"location ~\* \^/\[\^/\]\+/static/ \{\s+proxy_cache qnetz_static;")
        self.assertNotIn("web/content", site.split("location")[2])
        self.assertIn("listen 80;", site)
        self.assertNotIn("ssl", site)
        self.assertIn("X-Forwarded-For", site)

    def test_https_certificate_paths_and_several_app_servers(self):
        _, _, site = self.generate(TLS_CERT="/etc/ssl/qnetz.pem", TLS_KEY="/etc/ssl/qnetz.key",
                                   SERVER_NAME="qnetz.example.org",
                                   APP_SERVERS="10.0.0.2, 10.0.0.3")
        self.assertIn("ssl_certificate /etc/ssl/qnetz.pem;", site)
        self.assertIn("ssl_certificate_key /etc/ssl/qnetz.key;", site)
        self.assertIn("listen 443 ssl;", site)
        self.assertIn("return 301 https://$host$request_uri;", site)
        self.assertIn("server_name qnetz.example.org;", site)
        for host in ("10.0.0.2", "10.0.0.3"):
            self.assertIn("server %s:8069;" % host, site)
            self.assertIn("server %s:8072;" % host, site)

    @unittest.skipUnless(os.path.exists("/usr/sbin/nginx"), "nginx is not installed")
    def test_nginx_accepts_the_site(self):
        self.generate(NGINX_CACHE_DIR=os.path.join(self.folder.name, "cache"))
        main = os.path.join(self.folder.name, "nginx-main.conf")
        with open(main, "w") as conf:
            conf.write("pid %s/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n"
                       "include %s;\n}\n" % (self.folder.name, self.site))
        result = subprocess.run(["/usr/sbin/nginx", "-t", "-c", main, "-p", self.folder.name],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                universal_newlines=True)
        self.assertEqual(result.returncode, 0, result.stdout)
