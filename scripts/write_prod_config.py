"""Writes the production profile: Odoo's configuration and nginx's site.

    python scripts/write_prod_config.py ODOO_CONF NGINX_SITE DBNAME

Settings come from the environment (defaults in brackets):
  WORKERS [5 x cores], HTTP_PORT [8069], LONGPOLLING_PORT [8072], DATA_DIR [beside
  ODOO_CONF], DB_HOST/DB_PORT/DB_USER/DB_PASSWORD, SERVER_NAME [localhost],
  APP_SERVERS [127.0.0.1: comma-separated "host[:http port[:longpolling port]]" running
  Odoo with this configuration], NGINX_HTTP_PORT [80: redirects to HTTPS],
  NGINX_HTTPS_PORT [443], TLS_CERT/TLS_KEY [certbot's for SERVER_NAME under LETSENCRYPT_LIVE
  (/etc/letsencrypt/live) if there, else a self-signed pair made once in tls/ beside
  ODOO_CONF], CSP [enforce; report: Content-Security-Policy-Report-Only], MAX_UPLOAD [64m],
  NGINX_CACHE_DIR [/var/cache/nginx/qnetz], SESSION_HOURS [8: a session ends after so long
  without a request], HEALTH_TOKEN [random, kept: the token of /qnetz/health's details],
  SMTP_HOST, SMTP_PORT [587], SMTP_USER, SMTP_PASSWORD, SMTP_TLS [True: STARTTLS; the older
  name SMTP_SSL works too], EMAIL_FROM [qnetz@MAIL_DOMAIN when MAIL_DOMAIN is set],
  BACKUP_REPOSITORY [/var/backups/qnetz/restic: restic's repository, a path or a remote
  such as sftp:user@host:/srv/qnetz; kept once set], BACKUP_PASSWORD_FILE [backup-password
  beside ODOO_CONF, made once at random].

The master password (database manager) is made once, at random, printed once and
stored only as a hash; later runs keep the hash. Without SMTP_HOST mail is held in
the queue (qnetz_base/models/mail_mail.py) and the coordinators are told why.
"""
import configparser
import os
import secrets
import subprocess
import sys

from passlib.context import CryptContext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import write_config  # noqa: E402

# The same scheme as Odoo's own (odoo/tools/config.py), which verifies it.
CRYPT = CryptContext(["pbkdf2_sha512"])


def env(name, default=None):
    value = os.environ.get(name, "").strip()
    return value if value else default


def existing_hash(path):
    parser = configparser.ConfigParser(interpolation=None)
    if parser.read(path):
        value = parser["options"].get("admin_passwd", "")
        if value.startswith("$pbkdf2-sha512$"):
            return value
    return None


def existing_option(path, name):
    parser = configparser.ConfigParser(interpolation=None)
    if parser.read(path):
        return parser["options"].get(name) or None
    return None


def master_password_hash(path):
    """The stored hash, or a new random password's (printed this once)."""
    stored = existing_hash(path)
    if stored:
        return stored
    password = secrets.token_urlsafe(24)
    print("\n  New master password of the database manager (shown only now; keep it safe):"
          "\n    %s\n" % password)
    return CRYPT.hash(password)


def backup_password_file(path):
    """restic's password, made once at random beside the configuration (mode 600)."""
    password_file = env("BACKUP_PASSWORD_FILE") or os.path.join(
        os.path.dirname(os.path.abspath(path)), "backup-password")
    if not os.path.exists(password_file):
        with open(os.open(password_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as out:
            out.write(secrets.token_urlsafe(32) + "\n")
        print("\n  New password of the encrypted backups in %s: copy it off this machine "
              "(without it no backup can be read).\n" % password_file)
    return password_file


def odoo_options(path, dbname):
    # 5 x cores, not Odoo's 2 x cores + 1: a portal page takes about 100 ms of CPU, a
    # visitor's page from the page cache a few; with only 5 workers on 2 cores the
    # visitors waited in the queue behind the portal pages (load test on this 2-core
    # machine: public p95 1.1 s with 5 workers, 0.57-0.64 s with 10; docs/operations.md)
    workers = int(env("WORKERS", 5 * (os.cpu_count() or 1)))
    options = [
        ("admin_passwd", master_password_hash(path)),
        ("http_port", env("HTTP_PORT", "8069")),
        ("longpolling_port", env("LONGPOLLING_PORT", "8072")),
        # Only nginx talks to Odoo; one server per host, or the other app servers' nginx.
        ("http_interface", env("HTTP_INTERFACE", "127.0.0.1")),
        ("proxy_mode", "True"),
        ("workers", str(workers)),
        ("max_cron_threads", "1"),
        ("list_db", "False"),
        ("dbfilter", "^%s$" % dbname),
        ("db_name", dbname),
        ("without_demo", "all"),
        ("log_level", env("LOG_LEVEL", "info")),
        ("logfile", os.path.join(os.path.dirname(os.path.abspath(path)), "prod.log")),
        # A worker is recycled past these: a leaking request cannot take the server down.
        # Odoo's own defaults: the hard limit is the workers' address-space limit, which
        # lessc (node, spawned by a worker to compile the stylesheets) inherits; at 768 MB
        # V8 dies with "out of memory: Zone" and the site is served unstyled.
        ("limit_memory_soft", str(2048 * 1024 * 1024)),
        ("limit_memory_hard", str(2560 * 1024 * 1024)),
        ("limit_time_cpu", "120"),
        ("limit_time_real", "240"),
        ("limit_request", "8192"),
        ("db_maxconn", str(max(8, workers * 2))),
        ("smtp_server", env("SMTP_HOST", "False")),
        ("smtp_port", env("SMTP_PORT", "587")),
        ("smtp_user", env("SMTP_USER", "False")),
        ("smtp_password", env("SMTP_PASSWORD", "False")),
        # Odoo 11's smtp_ssl means STARTTLS on the submission port.
        ("smtp_ssl", env("SMTP_TLS", env("SMTP_SSL", "True"))),
        ("email_from", env("EMAIL_FROM") or (
            "qnetz@%s" % env("MAIL_DOMAIN") if env("MAIL_DOMAIN") else "False")),
        # qnetz_base/http_session.py: a session ends after these hours without a request.
        ("qnetz_session_hours", env("SESSION_HOURS", "8")),
        # /qnetz/health tells details only to a monitor that sends this token.
        ("qnetz_health_token", env("HEALTH_TOKEN") or existing_option(path, "qnetz_health_token")
         or secrets.token_urlsafe(24)),
        # scripts/offsite_backup.py: restic's repository (a path or a remote), its password.
        ("qnetz_backup_repository", env("BACKUP_REPOSITORY")
         or existing_option(path, "qnetz_backup_repository") or "/var/backups/qnetz/restic"),
        ("qnetz_backup_password_file", backup_password_file(path)),
    ]
    if env("DATA_DIR"):
        options.append(("data_dir", env("DATA_DIR")))
    return options


# The security headers of every answer. A location with an add_header of its own drops the
# server's, so every such location repeats these. The Content-Security-Policy is what Odoo
# 11 runs under (measured by tests/test_prod_browser.py): its backend compiles QWeb
# templates with `new Function` and both backend and website carry inline scripts and
# styles, so 'unsafe-eval' and 'unsafe-inline' stay; everything else comes from this site.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
       "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'")

# Per client address, in front of Odoo's own throttles: (zone, rate per minute, burst,
# location, which requests count: "post" (sending a form, not showing it), "query"
# (a request with parameters: a check, not the empty form) or "all"). A route may carry
# a language prefix (/ar/bedarf-melden).
LANG = "(/[a-z]{2,3}(_[A-Za-z0-9]+)?)?"
RATE_LIMITS = (
    ("qnetz_login", 10, 10, "^%s/web/login/?$" % LANG, "post"),
    ("qnetz_login", 10, 10, "^/web/session/authenticate$", "post"),
    ("qnetz_reset", 5, 5, "^%s/web/(reset_password|signup)/?$" % LANG, "post"),
    ("qnetz_form", 10, 10, "^%s/bedarf-melden/?$" % LANG, "post"),
    ("qnetz_check", 20, 20, "^%s/zertifikat/pruefen/?$" % LANG, "query"),
    ("qnetz_rpc", 120, 60, "^/(xmlrpc(/2)?/|jsonrpc)", "all"),
)
# The key of each kind: requests whose key is empty are not counted.
RATE_KEYS = {"post": "$qnetz_post_client", "query": "$qnetz_query_client",
             "all": "$binary_remote_addr"}

# What a visitor sees when a limit trips: German, plain, no request to Odoo.
TOO_MANY_REQUESTS = (
    "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\">"
    "<title>Zu viele Anfragen</title></head><body style=\"font-family:sans-serif;"
    "max-width:36em;margin:3em auto;padding:0 1em\"><h1>Zu viele Anfragen</h1>"
    "<p>Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen an diese Seite. "
    "Zum Schutz vor Missbrauch nehmen wir f\u00fcr einen Moment keine weiteren an.</p>"
    "<p>Bitte warten Sie eine Minute und versuchen Sie es dann erneut. Ihre Eingaben "
    "sind in Ihrem Browser noch vorhanden: Gehen Sie zur\u00fcck und senden Sie sie "
    "noch einmal.</p><p><a href=\"/\">Zur Startseite</a></p></body></html>")
UNAVAILABLE = (
    "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\">"
    "<title>Wartung</title></head><body style=\"font-family:sans-serif;"
    "max-width:36em;margin:3em auto;padding:0 1em\"><h1>Gleich wieder da</h1>"
    "<p>Das Qualifizierungsnetzwerk wird gerade gewartet oder neu gestartet. Bitte "
    "versuchen Sie es in wenigen Minuten erneut.</p></body></html>")


def security_headers(csp_mode):
    csp_header = ("Content-Security-Policy-Report-Only" if csp_mode == "report"
                  else "Content-Security-Policy")
    headers = [
        ("Strict-Transport-Security", "max-age=31536000"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        (csp_header, CSP),
    ]
    return "".join("    add_header %s \"%s\" always;\n" % pair for pair in headers)


def tls_files(state_dir, name):
    """(certificate, key, origin): the operator's, certbot's for the name, or a
    self-signed pair made here once (for a machine the internet cannot reach, and tests)."""
    cert, key = env("TLS_CERT"), env("TLS_KEY")
    if cert and key:
        return cert, key, "given"
    live = os.path.join(env("LETSENCRYPT_LIVE", "/etc/letsencrypt/live"), name)
    if os.path.exists(os.path.join(live, "fullchain.pem")) \
            and os.path.exists(os.path.join(live, "privkey.pem")):
        return os.path.join(live, "fullchain.pem"), os.path.join(live, "privkey.pem"), \
            "letsencrypt"
    folder = os.path.join(state_dir, "tls")
    cert, key = os.path.join(folder, name + ".crt"), os.path.join(folder, name + ".key")
    if not (os.path.exists(cert) and os.path.exists(key)):
        os.makedirs(folder, mode=0o700, exist_ok=True)
        alt = "DNS:%s" % name + (",IP:127.0.0.1" if name == "localhost" else "")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-days", "825", "-subj", "/CN=%s" % name,
                        "-addext", "subjectAltName=%s" % alt,
                        "-keyout", key, "-out", cert],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.chmod(key, 0o600)
    return cert, key, "self-signed"


def app_servers(http_port, lp_port):
    """(host, http port, longpolling port) of each APP_SERVERS entry, "host[:http[:lp]]"."""
    servers = []
    for entry in env("APP_SERVERS", "127.0.0.1").split(","):
        parts = [part.strip() for part in entry.split(":")]
        if parts[0]:
            servers.append((parts[0], parts[1] if len(parts) > 1 else http_port,
                            parts[2] if len(parts) > 2 else lp_port))
    return servers


def rate_limited_locations():
    text = ""
    for zone, _rate, burst, pattern, _counted in RATE_LIMITS:
        text += ("    location ~ \"%s\" {\n        limit_req zone=%s burst=%d nodelay;\n"
                 "        proxy_redirect off;\n        proxy_pass http://qnetz_odoo;\n    }\n"
                 % (pattern, zone, burst))
    return text


def rate_limit_zones():
    zones, text = set(), (
        "# Sending a form counts, showing it does not; a check with parameters counts.\n"
        "map $request_method $qnetz_post_client {\n    POST $binary_remote_addr;\n"
        "    default \"\";\n}\n"
        "map $args $qnetz_query_client {\n    \"\" \"\";\n    default $binary_remote_addr;\n}\n")
    for zone, rate, _burst, _pattern, counted in RATE_LIMITS:
        if zone not in zones:
            zones.add(zone)
            text += "limit_req_zone %s zone=%s:10m rate=%dr/m;\n" % (RATE_KEYS[counted], zone, rate)
    return text


def nginx_site(options, state_dir):
    http_port, lp_port = options["http_port"], options["longpolling_port"]
    servers = app_servers(http_port, lp_port)
    name = env("SERVER_NAME", "localhost")
    listen_http, listen_https = env("NGINX_HTTP_PORT", "80"), env("NGINX_HTTPS_PORT", "443")
    cert, key, _origin = tls_files(state_dir, name)
    headers = security_headers(env("CSP", "enforce"))
    upstreams = (
        "upstream qnetz_odoo {\n%s}\n"
        % "".join("    server %s:%s;\n" % (h, p) for h, p, _ in servers)
        # One longpolling connection per browser tab waits up to a minute; sticky by
        # address so that a tab keeps talking to the server that holds its bus.
        + "upstream qnetz_longpolling {\n    ip_hash;\n%s}\n"
        % "".join("    server %s:%s;\n" % (h, lp) for h, _, lp in servers))
    body = """
    client_max_body_size {upload};
    proxy_read_timeout 720s;
    proxy_connect_timeout 720s;
    proxy_send_timeout 720s;
    proxy_set_header Host {forwarded_host};
    proxy_set_header X-Forwarded-Host {forwarded_host};
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Real-IP $remote_addr;
{headers}
    gzip on;
    gzip_min_length 1024;
    gzip_proxied any;
    gzip_types text/css text/plain text/xml application/xml application/json
               application/javascript text/javascript image/svg+xml;

    limit_req_status 429;
    error_page 429 @qnetz_too_many_requests;
    location @qnetz_too_many_requests {{
        default_type "text/html; charset=utf-8";
        add_header Retry-After 60 always;
{location_headers}        return 429 '{too_many}';
    }}
    # Odoo stopped or restarting (make prod-update): a German page, not nginx's own.
    error_page 502 503 504 @qnetz_unavailable;
    location @qnetz_unavailable {{
        default_type "text/html; charset=utf-8";
        add_header Retry-After 120 always;
{location_headers}        return 503 '{unavailable}';
    }}
{limited}
    location /longpolling {{
        proxy_pass http://qnetz_longpolling;
    }}
    # The addons' static files change only with a new release: nginx keeps them,
    # browsers keep them for a week. (Never /web/content or /web/image: those answer
    # per user, and a shared cache would hand one user's files to another.)
    location ~* ^/[^/]+/static/ {{
        proxy_cache qnetz_static;
        proxy_cache_valid 200 302 60m;
        proxy_cache_valid 404 1m;
        proxy_buffering on;
        expires 7d;
        add_header Cache-Control "public";
{location_headers}        proxy_pass http://qnetz_odoo;
    }}
    location / {{
        proxy_redirect off;
        proxy_pass http://qnetz_odoo;
    }}
""".format(upload=env("MAX_UPLOAD", "64m"), headers=headers,
           # Odoo builds its absolute URLs (redirects) from this: with the port when
           # HTTPS is not on its standard one
           forwarded_host="$host" if listen_https == "443" else "$host:$server_port",
           location_headers="".join("    %s\n" % line for line in headers.splitlines()),
           too_many=TOO_MANY_REQUESTS, unavailable=UNAVAILABLE,
           limited=rate_limited_locations())
    https_port = "" if listen_https == "443" else ":" + listen_https
    return (
        "# Generated by scripts/write_prod_config.py; edits are overwritten.\n"
        "proxy_cache_path %s levels=1:2 keys_zone=qnetz_static:16m "
        "max_size=512m inactive=7d;\n" % env("NGINX_CACHE_DIR", "/var/cache/nginx/qnetz")
        + rate_limit_zones() + upstreams
        # Port 80 only sends visitors to HTTPS (and answers certbot's challenges, which
        # its nginx plug-in adds for the moment of a renewal).
        + "server {\n    listen %s default_server;\n    server_name %s;\n"
          "    location / {\n        return 301 https://$host%s$request_uri;\n    }\n}\n"
        % (listen_http, name, https_port)
        + "server {\n    listen %s ssl http2 default_server;\n    server_name %s;\n"
          "    ssl_certificate %s;\n    ssl_certificate_key %s;\n"
          "    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_prefer_server_ciphers off;\n"
          "    ssl_session_cache shared:qnetz_tls:10m;\n    ssl_session_timeout 1d;\n%s}\n"
        % (listen_https, name, cert, key, body))


def main(conf_path, site_path, dbname):
    options = odoo_options(conf_path, dbname)
    write_config.main(conf_path, options)
    os.chmod(conf_path, 0o600)
    with open(site_path, "w") as site:
        site.write(nginx_site(dict(options), os.path.dirname(os.path.abspath(conf_path))))


if __name__ == "__main__":
    main(*sys.argv[1:4])
