"""Writes the production profile: Odoo's configuration and nginx's site.

    python scripts/write_prod_config.py ODOO_CONF NGINX_SITE DBNAME

Settings come from the environment (defaults in brackets):
  WORKERS [2 x cores + 1], HTTP_PORT [8069], LONGPOLLING_PORT [8072], DATA_DIR [beside
  ODOO_CONF], DB_HOST/DB_PORT/DB_USER/DB_PASSWORD, SERVER_NAME [localhost],
  APP_SERVERS [127.0.0.1: comma-separated hosts running Odoo with this configuration],
  TLS_CERT/TLS_KEY [none: HTTP only], MAX_UPLOAD [64m], NGINX_CACHE_DIR [/var/cache/nginx/qnetz],
  SMTP_HOST, SMTP_PORT [587], SMTP_USER, SMTP_PASSWORD, SMTP_SSL [True], EMAIL_FROM.

The master password (database manager) is made once, at random, printed once and
stored only as a hash; later runs keep the hash. Without SMTP_HOST mail is held in
the queue (qnetz_base/models/mail_mail.py) and the coordinators are told why.
"""
import configparser
import os
import secrets
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


def master_password_hash(path):
    """The stored hash, or a new random password's (printed this once)."""
    stored = existing_hash(path)
    if stored:
        return stored
    password = secrets.token_urlsafe(24)
    print("\n  New master password of the database manager (shown only now; keep it safe):"
          "\n    %s\n" % password)
    return CRYPT.hash(password)


def odoo_options(path, dbname):
    workers = int(env("WORKERS", 2 * (os.cpu_count() or 1) + 1))
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
        ("smtp_ssl", env("SMTP_SSL", "True")),
        ("email_from", env("EMAIL_FROM", "False")),
    ]
    if env("DATA_DIR"):
        options.append(("data_dir", env("DATA_DIR")))
    return options


def nginx_site(options):
    http_port, lp_port = options["http_port"], options["longpolling_port"]
    servers = [h.strip() for h in env("APP_SERVERS", "127.0.0.1").split(",") if h.strip()]
    name = env("SERVER_NAME", "localhost")
    cert, key = env("TLS_CERT"), env("TLS_KEY")
    upstreams = (
        "upstream qnetz_odoo {\n%s}\n"
        % "".join("    server %s:%s;\n" % (h, http_port) for h in servers)
        # One longpolling connection per browser tab waits up to a minute; sticky by
        # address so that a tab keeps talking to the server that holds its bus.
        + "upstream qnetz_longpolling {\n    ip_hash;\n%s}\n"
        % "".join("    server %s:%s;\n" % (h, lp_port) for h in servers))
    body = """
    client_max_body_size {upload};
    proxy_read_timeout 720s;
    proxy_connect_timeout 720s;
    proxy_send_timeout 720s;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Real-IP $remote_addr;

    gzip on;
    gzip_min_length 1024;
    gzip_proxied any;
    gzip_types text/css text/plain text/xml application/xml application/json
               application/javascript text/javascript image/svg+xml;

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
        proxy_pass http://qnetz_odoo;
    }}
    location / {{
        proxy_redirect off;
        proxy_pass http://qnetz_odoo;
    }}
""".format(upload=env("MAX_UPLOAD", "64m"))
    text = ("# Generated by scripts/write_prod_config.py; edits are overwritten.\n"
            "proxy_cache_path %s levels=1:2 keys_zone=qnetz_static:16m "
            "max_size=512m inactive=7d;\n" % env("NGINX_CACHE_DIR", "/var/cache/nginx/qnetz")
            + upstreams)
    if cert and key:
        text += ("server {\n    listen 80;\n    server_name %s;\n"
                 "    return 301 https://$host$request_uri;\n}\n" % name)
        text += ("server {\n    listen 443 ssl;\n    server_name %s;\n"
                 "    ssl_certificate %s;\n    ssl_certificate_key %s;\n"
                 "    ssl_protocols TLSv1.2 TLSv1.3;\n"
                 "    add_header Strict-Transport-Security \"max-age=31536000\";\n%s}\n"
                 % (name, cert, key, body))
    else:
        text += "server {\n    listen 80;\n    server_name %s;\n%s}\n" % (name, body)
    return text


def main(conf_path, site_path, dbname):
    options = odoo_options(conf_path, dbname)
    write_config.main(conf_path, options)
    os.chmod(conf_path, 0o600)
    with open(site_path, "w") as site:
        site.write(nginx_site(dict(options)))


if __name__ == "__main__":
    main(*sys.argv[1:4])
