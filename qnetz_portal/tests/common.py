import re
from datetime import datetime, timedelta

import requests

import odoo
from odoo import api
from odoo.tests.common import HOST, PORT, HttpCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class PortalCase(HttpCase):
    """Two training companies A and B, an education provider, each with a portal user."""

    def setUp(self):
        super(PortalCase, self).setUp()
        # Odoo 11 serves the HTTP requests of an HttpCase on the registry's test cursor,
        # not on self.cr: work on that cursor so that the requests see the test data.
        # Everything is rolled back when the test mode ends.
        self._case_cr = self.cr
        self.cr = self.registry.test_cr
        self.env = api.Environment(self.cr, odoo.SUPERUSER_ID, {})
        self.addCleanup(self._restore_cursor)
        env = self.env
        Partner = env["res.partner"]
        self.portal_group = env.ref("base.group_portal")
        self.hoexter = env.ref("qnetz_base.district_hoexter")
        self.holzminden = env.ref("qnetz_base.district_holzminden")
        self.occupation = env.ref("qnetz_base.occupation_tischler")
        self.coordinator = env.ref("qnetz_base.user_coordinator_demo")

        self.company_a = Partner.create({
            "name": "Tischlerei Albers GmbH", "is_company": True, "is_training_company": True,
            "district_id": self.hoexter.id, "city": "Brakel", "employee_count": 18,
            "email": "info@albers.example", "lang": "de_DE",
        })
        self.company_b = Partner.create({
            "name": "Metallbau Bode KG", "is_company": True, "is_training_company": True,
            "district_id": self.holzminden.id, "city": "Bevern", "employee_count": 40,
            "email": "info@bode.example", "lang": "de_DE",
        })
        self.provider = Partner.create({
            "name": "Bildungswerk Weserbergland e.V.", "is_company": True,
            "is_education_provider": True, "district_id": self.holzminden.id,
            "city": "Holzminden", "email": "kurse@bildungswerk.example", "lang": "de_DE",
        })
        self.user_a = self._portal_user(self.company_a, "Anna Albers", "test_portal_a")
        self.user_b = self._portal_user(self.company_b, "Bernd Bode", "test_portal_b")
        self.user_p = self._portal_user(self.provider, "Petra Peters", "test_portal_p")

        self.apprentice_a1 = Partner.create({
            "name": "Lena Albrecht", "is_apprentice": True, "employer_id": self.company_a.id,
            "occupation_id": self.occupation.id, "training_year": "2",
            "email": "lena.albrecht@example.com"})
        self.apprentice_a2 = Partner.create({
            "name": "Tim Arndt", "is_apprentice": True, "employer_id": self.company_a.id,
            "training_year": "1", "email": "tim.arndt@example.com"})
        self.apprentice_b1 = Partner.create({
            "name": "Jonas Brinkmann", "is_apprentice": True, "employer_id": self.company_b.id,
            "training_year": "3", "email": "jonas.brinkmann@example.com"})
        self.venue = Partner.create({"name": "Lehrwerkstatt Weserbergland", "city": "Holzminden"})

    def _restore_cursor(self):
        # runs before the test mode ends and TransactionCase closes its own cursor
        self.env.reset()
        self.cr = self._case_cr
        self.env = api.Environment(self.cr, odoo.SUPERUSER_ID, {})

    def sync(self):
        """A request that fails rolls the test cursor back to its last commit, which the
        test cursor only simulates with a savepoint: keep the test's own data safe."""
        self.cr.commit()  # pylint: disable=invalid-commit (test cursor: a savepoint)
        # A cache miss of a decimal precision opens "another" cursor, under test mode the
        # test cursor itself, and commits it: that would release the savepoints the
        # controllers open around their writes. Warm the cache first.
        DecimalPrecision = self.env["decimal.precision"]
        for name in DecimalPrecision.search([]).mapped("name"):
            DecimalPrecision.precision_get(name)

    def url_open(self, url, data=None, timeout=60):
        self.sync()
        response = super(PortalCase, self).url_open(url, data=data, timeout=timeout)
        self.env.cache.invalidate()
        return response

    def authenticate(self, user, password):
        self.sync()
        return super(PortalCase, self).authenticate(user, password)

    def rpc_session(self, user=None):
        """An HTTP session of its own for `user` (None: a visitor), to call over JSON-RPC."""
        # HttpCase keeps one Odoo session in self.session; each role gets its own
        self.session = odoo.http.root.session_store.new()
        self.session.db = self.env.cr.dbname
        odoo.http.root.session_store.save(self.session)
        if user:
            self.authenticate(user.login, user.login)
        opener = requests.Session()
        opener.cookies["session_id"] = self.session.sid
        return opener

    def call_kw(self, session, model, method, args=None, kwargs=None, context=None):
        """model.method(*args, **kwargs) through /web/dataset/call_kw, as the web client
        and any RPC client call it, in German unless `context` says otherwise."""
        self.sync()
        kwargs = dict(kwargs or {})
        kwargs["context"] = dict({"lang": "de_DE"}, **(context or {}))
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args or [], "kwargs": kwargs}}
        url = "http://%s:%s/web/dataset/call_kw/%s/%s" % (HOST, PORT, model, method)
        response = session.post(url, json=payload, timeout=60)
        self.env.cache.invalidate()
        self.assertEqual(response.status_code, 200, (model, method))
        return response.json()

    def _portal_user(self, company, name, login):
        contact = self.env["res.partner"].create({
            "name": name, "parent_id": company.id, "email": "%s@example.com" % login,
            "lang": "de_DE"})
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": name, "login": login, "password": login, "partner_id": contact.id,
            "lang": "de_DE", "groups_id": [(6, 0, [self.portal_group.id])]})

    def login(self, user):
        self.authenticate(user.login, user.login)

    def get(self, url):
        return self.url_open(url)

    def csrf_token(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        match = CSRF_RE.search(response.text)
        self.assertTrue(match, "no csrf token on %s" % url)
        return match.group(1)

    def post(self, url, data, form_url=None):
        """POST like the browser does: with the CSRF token of the page showing the form."""
        data = dict(data)
        data["csrf_token"] = self.csrf_token(form_url or url)
        return self.url_open(url, data=data)

    def need_values(self, partner, **kw):
        values = {
            "partner_id": partner.id, "area": "theory", "topic": "CNC-Grundlagen",
            "participant_count": 2, "user_id": self.coordinator.id,
        }
        values.update(kw)
        return values

    @staticmethod
    def when(days, hour=8):
        moment = datetime.now().replace(hour=hour, minute=0, second=0, microsecond=0) \
            + timedelta(days=days)
        return odoo.fields.Datetime.to_string(moment)

    def make_course(self, name="Holzbearbeitung kompakt", days=30, seats_max=3, confirm=True,
                    provider=None, **kw):
        """A network course with two sessions `days` days from now."""
        values = {
            "name": name, "is_qnetz_course": True, "area": "practice",
            "provider_id": (provider or self.provider).id,
            "district_id": self.holzminden.id,
            # a venue of its own, so that courses on the same days do not overlap
            "address_id": self.venue.copy({"name": "Lehrwerkstatt Weserbergland"}).id,
            "date_begin": self.when(days), "date_end": self.when(days + 1, 16),
            "seats_min": 0, "seats_max": seats_max, "seats_availability": "limited",
            "fee_model": "per_participant", "fee_amount": 250.0, "provider_fee": 1200.0,
            "session_ids": [
                (0, 0, {"name": "Teil 1", "date_begin": self.when(days, 8),
                        "date_end": self.when(days, 16)}),
                (0, 0, {"name": "Teil 2", "date_begin": self.when(days + 1, 8),
                        "date_end": self.when(days + 1, 16)}),
            ],
        }
        values.update(kw)
        course = self.env["event.event"].create(values)
        if confirm:
            course.button_confirm()
        return course

    def run_course(self, course, days_ago=10):
        """The course took place: move its dates (and sessions) into the past."""
        sessions = course.session_ids.sorted("date_begin")
        course.write({"date_begin": self.when(-days_ago, 8),
                      "date_end": self.when(-days_ago + len(sessions) - 1, 16)})
        for index, session in enumerate(sessions):
            session.write({"date_begin": self.when(-days_ago + index, 8),
                           "date_end": self.when(-days_ago + index, 16)})
