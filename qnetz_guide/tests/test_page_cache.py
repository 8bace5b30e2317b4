import re
import time
from datetime import datetime, timedelta
from unittest.mock import patch

import odoo
from odoo import fields
from odoo.tests import common

from odoo.addons.qnetz_base.tests.tags import tagged
from odoo.addons.qnetz_guide import page_cache

from .common import GuideDataMixin, GuideHttpCase


def dt(days, hour=17):
    return fields.Datetime.to_string(
        (datetime.utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0))


class TestPageCache(GuideDataMixin, GuideHttpCase):
    """Visitors' pages come from the cache until something they show changes."""

    def setUp(self):
        super(TestPageCache, self).setUp()
        self._qnetz_fixtures(self.env)
        # The site's configured address is the one the tests' requests use.
        self.root = "http://%s:%s" % (common.HOST, common.PORT)
        self.env["ir.config_parameter"].set_param("web.base.url", self.root)
        page_cache.clear()
        # The cache key holds the current minute; the tests must not meet its turn.
        clock = patch.object(page_cache, "current_minute", return_value="2030-01-01 12:00")
        clock.start()
        self.addCleanup(clock.stop)
        self.module = self.env["qnetz.course.module"].create({
            "name": "Quarzsand Fachrechnen", "area": "theory",
            "description": "<p>Dreisatz und Prozentrechnung</p>"})
        self.course = self.env["event.event"].create({
            "name": "Kurs Quarzsand Fachrechnen", "is_qnetz_course": True, "area": "theory",
            "state": "confirm", "date_begin": dt(10), "date_end": dt(24, 20),
            "date_tz": "Europe/Berlin", "seats_availability": "limited", "seats_max": 12,
            "fee_amount": 137.0, "funding_share": 50.0, "module_id": self.module.id,
            "district_id": self.env.ref("qnetz_base.district_holzminden").id})
        self.course_url = "/wegweiser/kurse/%d" % self.course.id

    def get(self, url, headers=None):
        self.cr.commit()  # pylint: disable=invalid-commit (test cursor: a savepoint)
        response = self.opener.get(self.root + url, headers=headers or {}, timeout=20)
        self.env.cache.invalidate()
        return response

    def csrf(self, html):
        return re.search(r'csrf_token: "([^"]+)"', html).group(1)

    def assertServed(self, url, how):
        response = self.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get(page_cache.CACHE_HEADER), how, url)
        return response.text

    def test_second_request_is_served_from_the_cache(self):
        urls = ["/", "/wegweiser?search=%s" % self.MARKER, "/wegweiser/kurse", self.course_url]
        for url in urls:
            first = self.assertServed(url, "miss")
            self.assertEqual(self.assertServed(url, "hit"), first)
        self.assertEqual(page_cache.size(), len(urls))

    def test_course_changes_show_on_the_next_request(self):
        for url in ("/wegweiser/kurse", self.course_url):
            self.assertServed(url, "miss")
            self.assertServed(url, "hit")
        self.course.seats_max = 7
        self.course.fee_amount = 241.0
        for url in ("/wegweiser/kurse", self.course_url):
            html = self.assertServed(url, "miss")
            self.assertRegex(html, r"Kurs Quarzsand Fachrechnen[\s\S]*?"
                                   r"Freie Plätze</dt>\s*<dd>\s*7\s*</dd>")
            self.assertIn("241,00", html)
            self.assertNotIn("137,00", html)
        self.assertIn("Prozentrechnung", self.assertServed(self.course_url, "hit"))
        self.module.description = "<p>Bruchrechnen mit Werkstattbeispielen</p>"
        html = self.assertServed(self.course_url, "miss")
        self.assertIn("Bruchrechnen mit Werkstattbeispielen", html)
        self.assertNotIn("Prozentrechnung", html)

    def test_practice_time_changes_show_on_the_next_request(self):
        owner = self.env["res.partner"].create({
            "name": "Quarzsand Lehrwerkstatt", "is_company": True,
            "is_education_provider": True})
        calendar = self.env["resource.calendar"].create({"name": "Quarzsand Werkstattzeit"})
        workshop = self.env["qnetz.workshop"].create({
            "name": "Quarzsand CNC-Raum", "owner_id": owner.id, "calendar_id": calendar.id})
        machine = self.env["qnetz.machine"].create({
            "name": "Quarzsand Drehmaschine", "workshop_id": workshop.id, "places": 2,
            "machine_type_id": self.env.ref("qnetz_courses.machine_type_cnc_lathe").id})
        url = "/wegweiser/uebungszeit"
        self.assertNotIn("Quarzsand Drehmaschine", self.assertServed(url, "miss"))
        self.assertServed(url, "hit")
        self.env["qnetz.machine.booking"].create({
            "machine_id": machine.id, "kind": "practice", "date_start": dt(5, 12),
            "date_stop": dt(5, 15)})
        self.assertIn("Quarzsand Drehmaschine", self.assertServed(url, "miss"))

    def test_a_published_offer_shows_at_once(self):
        url = "/wegweiser?search=%s" % self.MARKER
        self.assertNotIn("Zebrafink Neuheit", self.get(url).text)
        offer = self.Offer.create({
            "name": "Zebrafink Neuheit", "summary": "Neu", "website_published": True,
            "institution_id": self.institution.id, "region": "both", "cost": "free"})
        self.assertIn("Zebrafink Neuheit", self.get(url).text)
        offer.website_published = False
        self.assertNotIn("Zebrafink Neuheit", self.get(url).text)

    def test_each_language_keeps_its_own_page(self):
        """A page asked for with a language prefix is that language's page, and the page
        at the same path without a prefix stays German, whichever was asked first."""
        for url in ("/wegweiser/kurse", self.course_url):
            for prefix, lang in (("/ar_SY", 'lang="ar-SY"'), ("", 'lang="de-DE"'),
                                 ("/ar_SY", 'lang="ar-SY"'), ("", 'lang="de-DE"')):
                self.opener.cookies.clear()
                response = self.get(prefix + url)
                self.assertEqual(response.status_code, 200, prefix + url)
                self.assertIn(lang, response.text, prefix + url)

    def test_a_cached_page_holds_no_csrf_token(self):
        html = self.assertServed("/wegweiser/kurse", "miss")
        token = self.csrf(html)
        self.assertFalse([body for body in page_cache.bodies() if token in body])
        self.opener.cookies.clear()
        other = self.assertServed("/wegweiser/kurse", "hit")
        self.assertNotEqual(self.csrf(other), token)

    def test_the_need_form_is_cached_and_each_visitor_gets_a_fresh_signed_time(self):
        """The form's signed time (robots post faster than people type) is made when the
        form is served, also from the cache: a cached page keeps no time of its own."""
        Need = self.env["qnetz.need"]
        first = re.search(r'name="form_token" value="([^"]+)"',
                          self.assertServed("/bedarf-melden", "miss")).group(1)
        time.sleep(1.1)
        self.opener.cookies.clear()
        html = self.assertServed("/bedarf-melden", "hit")
        second = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
        for token in (first, second):
            self.assertEqual(token, Need._qnetz_form_token(int(token.partition(".")[0])))
        self.assertGreater(int(second.partition(".")[0]), int(first.partition(".")[0]))
        self.assertNotIn("__qnetz_", html)
        self.assertFalse([body for body in page_cache.bodies() if first in body])
        # a visitor's filled-in form with errors is never kept
        self.assertEqual(page_cache.size(), 1)

    def test_each_visitor_posts_the_cached_need_form_with_a_token_of_their_own(self):
        """The form's own CSRF token (request.csrf_token(), with a time limit) is the
        session's too: a cached form with the first visitor's refused everyone else's."""
        def form_token(html):
            return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        first = form_token(self.assertServed("/bedarf-melden", "miss"))
        self.assertFalse([body for body in page_cache.bodies() if first in body])
        self.opener.cookies.clear()
        second = form_token(self.assertServed("/bedarf-melden", "hit"))
        self.assertNotEqual(second, first)
        self.cr.commit()  # pylint: disable=invalid-commit (test cursor: a savepoint)
        response = self.opener.post(self.root + "/bedarf-melden", timeout=20, data={
            "csrf_token": second, "company_name": ""})
        self.env.cache.invalidate()
        # the form again with its messages, not "400 Bad Request" for the token
        self.assertEqual(response.status_code, 200, response.text[:300])

    def test_logged_in_users_never_get_a_cached_page(self):
        for url in ("/", "/wegweiser", "/wegweiser/kurse", self.course_url):
            self.assertServed(url, "miss")
        self.authenticate("admin", "admin")
        for url in ("/", "/wegweiser", "/wegweiser/kurse", self.course_url):
            html = self.assertServed(url, "bypass")
            self.assertIn("/web/session/logout", html)
        self.assertEqual(page_cache.size(), 4)

    def test_a_forged_host_never_reaches_the_cache(self):
        forged = {"Host": "evil.example"}
        for url in ("/", "/wegweiser", "/wegweiser/kurse", self.course_url):
            response = self.get(url, headers=forged)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.headers.get(page_cache.CACHE_HEADER), "bypass")
            html = self.assertServed(url, "miss")
            self.assertNotIn("evil.example", html)
            self.assertIn(self.root, html)
        self.assertFalse([body for body in page_cache.bodies()
                          if "evil.example" in body])

    def test_debug_mode_and_unknown_parameters_are_not_cached(self):
        self.assertServed("/wegweiser/kurse?debug=assets", "bypass")
        self.assertServed("/wegweiser/kurse?seite=abc", "bypass")
        self.assertServed("/wegweiser?search=Zebrafink&topic=language", "miss")
        self.assertEqual(page_cache.size(), 1)

    def test_a_shared_link_gets_the_cached_page(self):
        """A newspaper's or a social network's link carries tracking parameters: it gets
        the page from the cache, and what is rendered for it is not kept (its language
        links would repeat the parameters)."""
        link = "/wegweiser/kurse?utm_source=zeitung&utm_medium=link&fbclid=abc"
        self.assertServed(link, "bypass")
        self.assertEqual(page_cache.size(), 0)
        self.assertServed("/wegweiser/kurse", "miss")
        html = self.assertServed(link, "hit")
        self.assertNotIn("utm_source", html)

    def test_the_turn_of_the_minute_renders_anew(self):
        self.assertServed("/", "miss")
        with patch.object(page_cache, "current_minute", return_value="2030-01-01 12:01"):
            self.assertServed("/", "miss")
        self.assertEqual(page_cache.size(), 2)


@tagged("commit")
class TestChangeNotification(common.TransactionCase):
    """Other processes learn of a change when it commits, and not before."""

    def wait_for_generation(self, dbname, beyond):
        deadline = time.time() + 5
        while time.time() < deadline:
            current = page_cache.generation(dbname)
            if current > beyond:
                return current
            time.sleep(0.05)
        return page_cache.generation(dbname)

    def test_a_commit_of_any_page_table_notifies(self):
        dbname = self.env.cr.dbname
        # A connection of its own: the test's cursor is never committed.
        with odoo.sql_db.db_connect(dbname).cursor() as cr:
            for table in ("event_event", "event_registration", "qnetz_course_module",
                          "qnetz_course_session", "qnetz_offer", "ir_translation"):
                before = page_cache.generation(dbname)
                # Touches no row: the statement alone is the change signal.
                cr.execute("UPDATE %s SET id = id WHERE false" % table)
                time.sleep(0.2)
                self.assertEqual(page_cache.generation(dbname), before,
                                 "notified before the commit: %s" % table)
                cr.commit()  # pylint: disable=invalid-commit (a connection of its own)
                self.assertGreater(self.wait_for_generation(dbname, before), before, table)
            before = page_cache.generation(dbname)
            cr.execute("UPDATE event_event SET id = id WHERE false")
            cr.rollback()
            time.sleep(0.2)
            self.assertEqual(page_cache.generation(dbname), before)

    def test_a_new_generation_drops_the_database_pages(self):
        dbname = self.env.cr.dbname
        page_cache._pages[(dbname, "old page")] = ("<html/>", ())
        before = page_cache.generation(dbname)
        with odoo.sql_db.db_connect(dbname).cursor() as cr:
            cr.execute("UPDATE res_lang SET id = id WHERE false")
            cr.commit()  # pylint: disable=invalid-commit (a connection of its own)
        self.wait_for_generation(dbname, before)
        self.assertNotIn((dbname, "old page"), page_cache._pages)
