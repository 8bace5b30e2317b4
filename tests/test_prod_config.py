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

from .prod_site import SETTINGS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "scripts", "write_prod_config.py")


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
        self.assertEqual(options["workers"], str(5 * os.cpu_count()))
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
        self.assertEqual(options["smtp_ssl"], "True", "STARTTLS unless told otherwise")
        _, options, _ = self.generate(SMTP_HOST="mail.example.org", SMTP_TLS="False",
                                      MAIL_DOMAIN="example.org")
        self.assertEqual(options["smtp_ssl"], "False")
        self.assertEqual(options["email_from"], "qnetz@example.org")

    def test_nginx_routes_longpolling_compresses_caches_static_and_limits_uploads(self):
        _, _, site = self.generate(HTTP_PORT="8314", LONGPOLLING_PORT="8315", MAX_UPLOAD="20m")
        self.assertIn("server 127.0.0.1:8314;", site)
        self.assertIn("server 127.0.0.1:8315;", site)
        self.assertRegex(site, r"location /longpolling \{\s+proxy_pass http://qnetz_longpolling;")
        self.assertIn("gzip on;", site)
        self.assertIn("client_max_body_size 20m;", site)
        self.assertRegex(site, r"location ~\* \^/\[\^/\]\+/static/ \{\s+proxy_cache qnetz_static;")
        self.assertNotIn("web/content", site.split("location")[2])
        self.assertIn("X-Forwarded-For", site)

    def test_https_by_default_with_a_self_signed_certificate_made_once(self):
        _, _, site = self.generate()
        cert = os.path.join(self.folder.name, "tls", "localhost.crt")
        key = os.path.join(self.folder.name, "tls", "localhost.key")
        self.assertIn("ssl_certificate %s;" % cert, site)
        self.assertIn("ssl_certificate_key %s;" % key, site)
        self.assertEqual(os.stat(key).st_mode & 0o077, 0, "the key is readable by others")
        subject = subprocess.run(["openssl", "x509", "-in", cert, "-noout", "-subject", "-ext",
                                  "subjectAltName"], stdout=subprocess.PIPE,
                                 universal_newlines=True, check=True).stdout
        self.assertIn("CN = localhost", subject)
        self.assertIn("DNS:localhost", subject)
        with open(cert) as made:
            first = made.read()
        self.generate()
        with open(cert) as kept:
            self.assertEqual(kept.read(), first, "a second run keeps the certificate")
        # port 80 only redirects
        plain = site.split("server {")[1]
        self.assertIn("listen 80 default_server;", plain)
        self.assertIn("return 301 https://$host$request_uri;", plain)
        self.assertNotIn("proxy_pass", plain)
        self.assertIn("listen 443 ssl http2 default_server;", site)

    def test_certbots_certificate_is_taken_when_there(self):
        live = os.path.join(self.folder.name, "live", "qnetz.example.org")
        os.makedirs(live)
        for name in ("fullchain.pem", "privkey.pem"):
            open(os.path.join(live, name), "w").close()
        _, _, site = self.generate(SERVER_NAME="qnetz.example.org",
                                   LETSENCRYPT_LIVE=os.path.dirname(live))
        self.assertIn("ssl_certificate %s/fullchain.pem;" % live, site)
        self.assertIn("ssl_certificate_key %s/privkey.pem;" % live, site)
        self.assertFalse(os.path.exists(os.path.join(self.folder.name, "tls")))

    def test_security_headers_and_the_policy_mode(self):
        _, _, site = self.generate()
        for header in ("Strict-Transport-Security \"max-age=31536000\" always;",
                       "X-Content-Type-Options \"nosniff\" always;",
                       "Referrer-Policy \"strict-origin-when-cross-origin\" always;",
                       "Content-Security-Policy \"default-src 'self';"):
            # the server's, and the static files' location repeats them (its own
            # add_header would drop the server's)
            self.assertGreaterEqual(site.count(header), 2, header)
        self.assertNotIn("Report-Only", site)
        _, _, site = self.generate(CSP="report")
        self.assertIn("Content-Security-Policy-Report-Only \"default-src", site)

    def test_rate_limits_per_address_on_the_sensitive_routes(self):
        _, _, site = self.generate()
        self.assertIn("limit_req_zone $qnetz_post_client zone=qnetz_login:10m rate=10r/m;", site)
        self.assertIn("limit_req_zone $qnetz_query_client zone=qnetz_check:10m rate=20r/m;",
                      site)
        self.assertIn("limit_req_zone $binary_remote_addr zone=qnetz_rpc:10m rate=120r/m;", site)
        for route in ("/web/login", "/web/session/authenticate", "/web/(reset_password|signup)",
                      "/bedarf-melden", "/zertifikat/pruefen", "xmlrpc(/2)?/|jsonrpc"):
            self.assertRegex(site, r'location ~ "[^"]*%s[^"]*" \{\s+limit_req zone=qnetz_'
                             % re.escape(route), route)
        self.assertIn("limit_req_status 429;", site)
        self.assertIn("Zu viele Anfragen", site)

    def test_session_hours_health_token_and_backup_settings(self):
        out, options, _ = self.generate()
        self.assertEqual(options["qnetz_session_hours"], "8")
        token = options["qnetz_health_token"]
        self.assertGreaterEqual(len(token), 24)
        password_file = options["qnetz_backup_password_file"]
        self.assertEqual(os.stat(password_file).st_mode & 0o077, 0)
        self.assertIn("copy it off this machine", out)
        with open(password_file) as first:
            password = first.read()
        out, options, _ = self.generate(SESSION_HOURS="4", BACKUP_REPOSITORY="sftp:b@h:/q")
        self.assertEqual(options["qnetz_session_hours"], "4")
        self.assertEqual(options["qnetz_health_token"], token, "kept")
        self.assertEqual(options["qnetz_backup_repository"], "sftp:b@h:/q")
        with open(password_file) as again:
            self.assertEqual(again.read(), password, "kept")
        self.assertNotIn("copy it off", out)
        _, options, _ = self.generate()
        self.assertEqual(options["qnetz_backup_repository"], "sftp:b@h:/q", "kept once set")

    def test_https_certificate_paths_and_several_app_servers(self):
        _, _, site = self.generate(TLS_CERT="/etc/ssl/qnetz.pem", TLS_KEY="/etc/ssl/qnetz.key",
                                   SERVER_NAME="qnetz.example.org",
                                   APP_SERVERS="10.0.0.2, 10.0.0.3")
        self.assertIn("ssl_certificate /etc/ssl/qnetz.pem;", site)
        self.assertIn("ssl_certificate_key /etc/ssl/qnetz.key;", site)
        self.assertIn("listen 443 ssl http2 default_server;", site)
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
