"""The visitors' page cache of the public pages (home, Wegweiser, course catalogue, courses).

A page is kept per process, keyed only by what changes it: the database, the website,
the language, the configured address of the site, the path with the query parameters
the page reads, and the current minute (offers expire and courses begin with time).

Invalidation comes from PostgreSQL: triggers on every table the pages show
(website._qnetz_install_page_cache_triggers) send a NOTIFY, which PostgreSQL delivers
only when the writing transaction commits. Each process listens on its own connection
and drops its pages on any notification, so a change shows on the next request in
every worker and on every application server, without a query per request. Writes of
the request's own transaction (the tests run in one) are counted by the same triggers
in a transaction-local setting, which is part of the key.

Never cached: logged-in users, requests other than GET, debug mode, query parameters
the page does not read, a Host header that is not the configured address (the page
holds absolute links built from it), answers other than 200. A cached page holds no
CSRF token: each visitor's is put in when the page is served; the same for any other
value each request must get its own of (`fresh`: the need form's signed time).
"""
import logging
import os
import re
import threading
import time
from collections import OrderedDict

import psycopg2
from werkzeug.urls import url_encode

import odoo
from odoo.http import request

_logger = logging.getLogger(__name__)

CHANGES_SETTING = "qnetz.page_changes"
PAGE_CACHE_SIZE = 256
# Where each visitor's CSRF token goes in a cached page.
TOKEN_PLACEHOLDER = "__qnetz_csrf_token__"
# Where the page's other per-request values go (see cached_public_page's `fresh`).
FRESH_PLACEHOLDER = "__qnetz_fresh_%d__"
CACHE_HEADER = "X-Qnetz-Cache"
# Parameters of shared links that change nothing on a page (see _tracking).
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
TRACKING_PARAMETERS = frozenset(("fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "igshid"))

ALIAS_CACHE_SIZE = 4 * PAGE_CACHE_SIZE
# How long a request waits for another thread that renders the same page.
RENDER_WAIT_SECONDS = 30

_pages = OrderedDict()
# {what the request looks like before routing: the key of the page it got}
_aliases = OrderedDict()
# {key: threading.Event} of the pages being rendered in this process
_rendering = {}
_lock = threading.Lock()


def current_minute():
    """The cached pages' clock: offers expire and courses start with time."""
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime())


class ChangeListener(object):
    """One LISTEN connection per process and database; counts the notifications."""

    def __init__(self, dbname):
        self.dbname = dbname
        self.pid = None
        self.connection = None
        self.generation = 0
        self.lock = threading.Lock()

    def _connect(self):
        _dbname, info = odoo.sql_db.connection_info_for(self.dbname)
        connection = psycopg2.connect(**info)
        connection.autocommit = True
        with connection.cursor() as cr:
            cr.execute("LISTEN qnetz_page_cache")
        self.connection = connection
        self.pid = os.getpid()

    def current(self):
        """The number of changes seen so far, or None when changes cannot be seen."""
        with self.lock:
            seen = self.generation
            try:
                if self.connection is None or self.pid != os.getpid():
                    # a new process (prefork worker) or a lost connection: notifications
                    # may have been missed, so what this process holds is void
                    self.generation += 1
                    self._connect()
                self.connection.poll()
                if self.connection.notifies:
                    del self.connection.notifies[:]
                    self.generation += 1
                result = self.generation
            except psycopg2.Error:
                _logger.warning("page cache: no change notifications from %s", self.dbname,
                                exc_info=True)
                self.connection = None
                result = None
        if result != seen:
            _drop_database_pages(self.dbname)
        return result


_listeners = {}


def _drop_database_pages(dbname):
    with _lock:
        for key in [key for key in _pages if key[0] == dbname]:
            del _pages[key]
        for alias in [alias for alias in _aliases if alias[0] == dbname]:
            del _aliases[alias]


def generation(dbname):
    with _lock:
        listener = _listeners.get(dbname)
        if listener is None:
            listener = _listeners[dbname] = ChangeListener(dbname)
    return listener.current()


def start_request():
    """Called before any query of a request: the generation its snapshot includes.

    A change committed after this point either is already notified when the page is
    stored (then it is not stored) or drops the page when its notification arrives.
    Returns the page when the same request (path, query, host, language cookie and
    header) got a page that is still current: the website's routing, language and
    authentication would only come to the same key."""
    if getattr(request, "rerouting", None):
        # the website dispatches /ar_SY/x a second time as /x: the first pass noted the
        # generation and the alias of the path as asked, with its language prefix; the
        # shortened path would file the Arabic page under the German page's alias
        return None
    request.qnetz_page_generation = None
    httprequest = request.httprequest
    if httprequest.method != "GET" or request.session.uid or not request.db:
        return None
    request.qnetz_page_generation = generation(request.db)
    if request.qnetz_page_generation is None or request.debug:
        return None
    request.qnetz_page_alias = (
        request.db, httprequest.url_root, httprequest.environ.get("PATH_INFO"),
        httprequest.environ.get("QUERY_STRING"), httprequest.cookies.get("frontend_lang"),
        httprequest.headers.get("Accept-Language"))
    with _lock:
        key = _aliases.get(request.qnetz_page_alias)
    if (key is None or key[1] != request.qnetz_page_generation
            or key[-1] != current_minute() or key[2] != _transaction_changes(request.cr)):
        return None
    with _lock:
        page = _pages.get(key)
        if page is not None:
            _pages.move_to_end(key)
    if page is None:
        return None
    response = _respond(page, "hit")
    lang = key[4]
    if httprequest.cookies.get("frontend_lang") != lang:
        # as the website's routing does for a page in another language
        response.set_cookie("frontend_lang", lang)
    return response


def _transaction_changes(cr):
    cr.execute("SELECT current_setting(%s, true)", (CHANGES_SETTING,))
    return cr.fetchone()[0] or ""


def _configured_roots(website):
    """The addresses the site is configured under: web.base.url, the website's domain."""
    roots = set()
    base = request.env["ir.config_parameter"].sudo().get_param("web.base.url") or ""
    if base:
        roots.add(base.rstrip("/") + "/")
    if website.domain:
        roots.update("%s://%s/" % (scheme, website.domain) for scheme in ("http", "https"))
    return roots


def _tracking(name):
    """A parameter that newspapers, newsletters and social networks add to a link: it
    changes nothing on the page."""
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_PARAMETERS


def _key(params):
    """The cache key of this request, or None when it must not come from the cache."""
    httprequest = request.httprequest
    if (httprequest.method != "GET" or request.session.uid or request.debug
            or getattr(request, "qnetz_page_generation", None) is None):
        return None
    args = httprequest.args
    if any(name not in params and not _tracking(name) for name in args):
        return None
    website = request.website
    if httprequest.url_root not in _configured_roots(website):
        return None
    changes = _transaction_changes(request.env.cr)
    query = url_encode([(name, value) for name in sorted(params)
                        for value in args.getlist(name)])
    return (request.db, request.qnetz_page_generation, changes, website.id, request.lang,
            httprequest.url_root, httprequest.path, query, current_minute())


# Odoo's CSRF tokens: an HMAC of the session in hex, "o", and the time limit if it has one
CSRF_TOKEN = re.compile(r"\b[0-9a-f]{40}o[0-9]*\b")


def _tokens_out(body):
    """The page with every CSRF token of this session replaced by the placeholder: the
    layout's (no time limit) and any form's (request.csrf_token(), with one). A visitor
    gets a token of their own session when the page is served (_respond): one without a
    time limit, which Odoo accepts for every form."""
    return CSRF_TOKEN.sub(
        lambda match: TOKEN_PLACEHOLDER if request.validate_csrf(match.group(0))
        else match.group(0), body)


def _respond(page, status):
    """Serve a cached page: (body, the functions that make its fresh values)."""
    body, fresh = page
    body = body.replace(TOKEN_PLACEHOLDER, request.csrf_token(None))
    for index, make in enumerate(fresh):
        body = body.replace(FRESH_PLACEHOLDER % index, make())
    return request.make_response(body, headers=[
        ("Content-Type", "text/html; charset=utf-8"), (CACHE_HEADER, status)])


def cached_public_page(render, params=(), fresh=()):
    """`render()`'s page, from the visitors' cache when it may be.

    `params`: the query parameters the page reads; a request with any other one is
    rendered and not cached. A link with tracking parameters gets the page of the link
    without them from the cache; a page rendered for it is not kept, since Odoo's
    language links repeat the request's parameters.

    `fresh`: functions each giving a text that the page carries and that every request
    must get its own of (a signed time); `render(*texts)` puts the given ones in the
    page. A cached page keeps a placeholder for each and gets them made anew whenever
    it is served."""
    fresh = tuple(fresh)
    key = _key(frozenset(params))
    if key is not None and any(_tracking(name) for name in request.httprequest.args):
        with _lock:
            page = _pages.get(key)
        if page is not None:
            return _respond(page, "hit")
        key = None
    if key is None:
        response = render(*[make() for make in fresh])
        if hasattr(response, "headers"):
            response.headers[CACHE_HEADER] = "bypass"
        return response
    for _attempt in range(2):
        with _lock:
            page = _pages.get(key)
            if page is not None:
                _pages.move_to_end(key)
            else:
                rendering = _rendering.get(key)
                if rendering is None:
                    rendering = _rendering[key] = threading.Event()
                    break
        if page is not None:
            _remember_alias(key)
            return _respond(page, "hit")
        # Another thread renders this very page (a newspaper link, the minute's turn):
        # wait for it rather than render it ten times at once.
        rendering.wait(RENDER_WAIT_SECONDS)
    else:
        rendering = None
    try:
        response = render(*[FRESH_PLACEHOLDER % index for index in range(len(fresh))])
        if response.status_code != 200 or not hasattr(response, "render"):
            return response
        body = response.render()
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        page = (_tokens_out(body), fresh)
        still_current = generation(request.db) == request.qnetz_page_generation
        if still_current:
            with _lock:
                _pages[key] = page
                while len(_pages) > PAGE_CACHE_SIZE:
                    _pages.popitem(last=False)
            _remember_alias(key)
        return _respond(page, "miss")
    finally:
        if rendering is not None:
            with _lock:
                _rendering.pop(key, None)
            rendering.set()


def _remember_alias(key):
    alias = getattr(request, "qnetz_page_alias", None)
    if alias is None:
        return
    with _lock:
        _aliases[alias] = key
        _aliases.move_to_end(alias)
        while len(_aliases) > ALIAS_CACHE_SIZE:
            _aliases.popitem(last=False)


def clear():
    with _lock:
        _pages.clear()
        _aliases.clear()


def bodies():
    """The cached pages' HTML as kept, with their placeholders."""
    with _lock:
        return [body for body, _fresh in _pages.values()]


def size():
    with _lock:
        return len(_pages)
