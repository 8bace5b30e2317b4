"""Every route of the installed addons, called as a visitor and as a company's portal user.

The routing map is enumerated at test time (Odoo's, OCA's and qnetz's controllers alike),
so a route that a new addon brings is crawled without a line here. Each argument of each
route, in the path or among the controller's parameters, gets in turn the id of a record
the caller may not read, an id past PostgreSQL's integer range, an id that does not exist
and junk; the other arguments keep an ordinary value. No answer may be a server error:
HTTP routes answer below 500, JSON routes answer without an HTTP 5xx and without an
error from the database (which is what an unchecked id or value ends in).
"""
import inspect
import logging
import re

import requests

from odoo.tests.common import HOST, PORT

from odoo.addons.base.ir.ir_http import ModelConverter, ModelsConverter
from werkzeug.routing import AnyConverter, NumberConverter

from odoo.addons.qnetz_base.tests.common import report_figure
from odoo.addons.qnetz_base.tests.tags import tagged

from .common import CSRF_RE, PortalCase

_logger = logging.getLogger(__name__)

PG_INT_MAX = 2 ** 31 - 1
# Routes left out, each with the reason. Everything else is called.
SKIPPED = {
    "/web/session/logout": "ends the session the crawl runs in",
    "/web/session/destroy": "ends the session the crawl runs in",
    "/longpolling/poll": "holds the request open up to 50 s for bus messages, by design",
    "/longpolling/im_status": "belongs to the long-polling bus (answers over /longpolling/poll)",
    "/qnetz/health": "answers 503 by design while the server is unhealthy, a monitor's signal "
                     "(tests/test_prod_site.py and qnetz_base/tests/test_health.py check it)",
}
# The database manager works on whole databases (create, duplicate, drop, backup,
# restore), outside the test transaction the crawl runs in.
SKIPPED_PREFIXES = {
    "/web/database/": "the database manager acts on whole databases outside the test "
                      "transaction (it is closed in production: list_db = False)",
}
JUNK = ("abc", "-1", "1,x", "'\"><script>", "../../etc/passwd", "ü" * 3, "9" * 40, "")
PARAMETER_JUNK = ("abc", "'\"><script>", "9" * 40, "")
JSON_DATABASE_ERRORS = ("psycopg2.",)
VARIABLE_RE = re.compile(r"<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\((.*?)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>")


def skip_reason(path):
    if path in SKIPPED:
        return SKIPPED[path]
    for prefix, reason in SKIPPED_PREFIXES.items():
        if path.startswith(prefix):
            return reason
    return None


@tagged("slow")
class TestRouteCrawler(PortalCase):

    def setUp(self):
        super(TestRouteCrawler, self).setUp()
        Need = self.env["qnetz.need"]
        self.need_b = Need.create(self.need_values(self.company_b, topic="Bedarf B"))
        self.course = self.make_course()
        # foreign to company A: a record of company B, and the coordinator's own partner
        self.foreign_id = self.need_b.id
        self.missing_id = PG_INT_MAX - 7

    def routing_map(self):
        # the map is built on the first request of a registry
        self.url_open("/web/login")
        return self.registry["ir.http"].routing_map()

    def number_values(self, model=None):
        foreign = self.foreign_id
        if model and model in self.env:
            last = self.env[model].sudo().search([], order="id desc", limit=1)
            foreign = last.id or foreign
        return [str(foreign), str(PG_INT_MAX + 1), str(2 ** 63), str(self.missing_id),
                "-%d" % (PG_INT_MAX + 2)]

    def path_values(self, rule, name):
        converter = rule._converters[name]
        model = getattr(converter, "model", None)
        if isinstance(converter, (ModelConverter, ModelsConverter, NumberConverter)):
            return self.number_values(model)
        if isinstance(converter, AnyConverter):
            match = [m for m in VARIABLE_RE.finditer(rule.rule) if m.group(3) == name][0]
            choices = [c.strip().strip("'\"") for c in (match.group(2) or "").split(",")]
            return [c for c in choices if c] + ["junk"]
        return ["1"] + [j for j in JUNK if j]

    @staticmethod
    def build(rule, values):
        def replace(match):
            return requests.utils.quote(values[match.group(3)], safe="")
        return VARIABLE_RE.sub(replace, rule.rule)

    @staticmethod
    def parameters(rule):
        method = rule.endpoint.method
        try:
            signature = inspect.signature(method)
        except (TypeError, ValueError):
            return []
        return [name for name, parameter in signature.parameters.items()
                if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
                and name not in rule.arguments]

    def variants(self, rule):
        """(url, parameters) pairs: the ordinary call, then each argument varied alone."""
        defaults = {name: self.path_values(rule, name)[0] for name in rule.arguments}
        yield self.build(rule, defaults), {}
        for name in sorted(rule.arguments):
            for value in self.path_values(rule, name)[1:]:
                yield self.build(rule, dict(defaults, **{name: value})), {}
        url = self.build(rule, defaults)
        for name in self.parameters(rule):
            for value in self.number_values()[:4] + list(PARAMETER_JUNK):
                yield url, {name: value}

    def call(self, opener, csrf, rule, url, params):
        routing = rule.endpoint.routing
        full = "http://%s:%s%s" % (HOST, PORT, url)
        methods = rule.methods or {"GET"}
        self.sync()
        try:
            if routing["type"] == "json":
                payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
                response = opener.post(full, json=payload, timeout=60, allow_redirects=False)
            elif "GET" in methods:
                response = opener.get(full, params=params, timeout=60, allow_redirects=False)
            else:
                response = opener.post(full, data=dict(params, csrf_token=csrf), timeout=60,
                                       allow_redirects=False)
        except requests.RequestException as error:
            return "no answer: %s" % error
        finally:
            self.env.cache.invalidate()
        if response.status_code >= 500:
            return "HTTP %s" % response.status_code
        if routing["type"] == "json" and response.headers.get(
                "Content-Type", "").startswith("application/json"):
            error = (response.json() or {}).get("error") or {}
            name = (error.get("data") or {}).get("name") or ""
            if name.startswith(JSON_DATABASE_ERRORS):
                return "JSON %s: %s" % (name, (error.get("data") or {}).get("message"))
        return None

    def crawl(self, opener, role, routes, failures):
        page = opener.get("http://%s:%s/web/login" % (HOST, PORT), timeout=60)
        match = CSRF_RE.search(page.text)
        csrf = match.group(1) if match else ""
        count = 0
        for rule in routes:
            for url, params in self.variants(rule):
                count += 1
                outcome = self.call(opener, csrf, rule, url, params)
                if count % 1000 == 0:
                    _logger.warning("route crawler: %s, %d requests", role, count)
                if outcome:
                    failures.append((rule.rule, "%s %s %s %s: %s" % (
                        role, rule.rule, url, params, outcome)))
        return count

    def test_no_route_answers_a_server_error(self):
        routes, skipped = [], []
        for rule in self.routing_map().iter_rules():
            reason = skip_reason(rule.rule)
            if reason:
                skipped.append((rule.rule, reason))
            else:
                routes.append(rule)
        self.assertGreater(len(routes), 100)
        failures = []
        requests_made = self.crawl(self.rpc_session(), "visitor", routes, failures)
        requests_made += self.crawl(self.rpc_session(self.user_a), "company A", routes, failures)
        report = ["route crawler: %d requests on %d routes (visitor and company A), "
                  "%d server errors" % (requests_made, len(routes), len(failures))]
        report += ["  skipped %s: %s" % item for item in sorted(skipped)]
        report_figure("route_crawler", "\n".join(report))
        self.assertFalse(failures, "\n".join(text for rule, text in failures[:200]))
