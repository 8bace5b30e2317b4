"""What every outside action of the network shares: the trust boundary.

Portal users, visitors and RPC clients reach the network only through model methods
(``qnetz_portal_*`` and the website's intake). Those methods check the caller and the
values, then write as superuser; the helpers here make sure that nothing the caller
chose besides the checked values travels along into that write.
"""
import re

from werkzeug import urls

from odoo import SUPERUSER_ID
from odoo.tools import html_escape

# Context keys a caller may pass on to the write: how texts are translated and how
# dates are shown. Everything else (default_* keys, tracking_disable, active_test,
# mail_notrack, no_reset_password, ...) would let the caller steer the superuser's write.
OUTSIDE_CONTEXT_KEYS = ("lang", "tz")

# NUL cannot be stored by PostgreSQL; the other C0 controls never belong in a form field.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def outside_env(env, author=None):
    """The superuser environment an outside action writes in, with the caller's
    language and time zone only, and the caller as the author of what the chatter logs
    (`author`: a partner, by default the user's; see qnetz_base's mail.message)."""
    context = {key: env.context[key] for key in OUTSIDE_CONTEXT_KEYS if key in env.context}
    if author is None and env.uid != SUPERUSER_ID:
        author = env.user.partner_id
    if author:
        context["qnetz_author_id"] = author.id
    return env(user=SUPERUSER_ID, context=context)


def has_control_characters(value):
    return isinstance(value, str) and bool(CONTROL_RE.search(value))


def to_int(value):
    """An id or a count from a form or an RPC call: an int, a string of digits, else 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return 0


def to_ids(values):
    """A list of ids from a form or an RPC call: only plain ints (or digit strings) count;
    x2many commands such as (0, 0, {...}) or (6, 0, [...]) give None."""
    if values in (None, False, ""):
        return []
    if not isinstance(values, (list, tuple)):
        values = [values]
    ids = []
    for value in values:
        number = to_int(value)
        if number <= 0:
            return None
        ids.append(number)
    return ids


def like_escape(text):
    """`text` as a literal inside a LIKE pattern (PostgreSQL's default escape is \\)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def html_text(text):
    """Plain text for an HTML body (chatter, to-do note, mail): a sentence that carries
    what someone outside typed (their own name, a reason, a consent, a quote's remarks)
    reads as typed, and a tag in it (a link, a remote image) shows as text instead of
    coming alive in the coordinator's backend. Line breaks are kept; URLs stay text
    (Odoo's plaintext2html would make them live links)."""
    return html_escape(text or "").replace("\n", "<br/>")


def post_note(records, author, text):
    """A chatter note of plain `text` on `records`, written in the outside environment
    but signed by the partner of the user who acted (`author`), so the chatter names the
    real person."""
    body = html_text(text)
    for record in records:
        record.message_post(body=body, author_id=author.id, message_type="comment",
                            subtype="mail.mt_note")


def checked_group_domain(records, domain):
    """The domain for read_group on a model whose record check lives in _search.

    mail.message and ir.attachment decide who sees a row by its document, in _search;
    read_group reads through _where_calc and would group over every row. Narrowing the
    domain to what search() returns applies the same check."""
    if records.env.uid == SUPERUSER_ID:
        return domain
    return [("id", "in", records.search(domain or []).ids)]


# The largest id PostgreSQL's integer columns hold: a larger one in a URL or a form is no
# record of ours, and sent to the database it ends in an error instead of "not found".
PG_INT_MAX = 2 ** 31 - 1


def is_pg_int(number):
    return -PG_INT_MAX - 1 <= number <= PG_INT_MAX


def local_redirect(url, hosts=(), default="/"):
    """`url` if following it stays on this site, else `default`.

    A path of the site ("/my", "/web#action=...") or an absolute URL of one of `hosts`
    (the configured web.base.url's, the one the request came to) is local. A URL of
    another host, a scheme-relative "//host" (also spelt "/\\host" or with whitespace,
    which browsers read the same way), a "javascript:" URL or anything with control
    characters is not: an open redirect would let a link of ours send a user on to a page
    that imitates our login.
    """
    if not isinstance(url, str) or not url or CONTROL_RE.search(url) or "\t" in url \
            or "\n" in url or "\r" in url:
        return default
    candidate = url.strip().replace("\\", "/")
    if candidate.startswith("/") and not candidate.startswith("//"):
        return url.strip()
    parsed = urls.url_parse(candidate)
    if parsed.scheme in ("http", "https") and not parsed.username \
            and parsed.netloc.lower() in {host.lower() for host in hosts if host}:
        return url.strip()
    return default


# The plural categories of the languages the network writes in, in the order a translation
# lists its forms (CLDR "Language Plural Rules", unicode.org/cldr/charts/latest/supplemental/
# language_plural_rules.html: cardinals of whole numbers).
PLURAL_RULES = {
    # zero one two few many other
    "ar": lambda n: 0 if n == 0 else 1 if n == 1 else 2 if n == 2
    else 3 if 3 <= n % 100 <= 10 else 4 if 11 <= n % 100 <= 99 else 5,
    # one few many
    "uk": lambda n: 0 if n % 10 == 1 and n % 100 != 11
    else 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2,
    # a noun after a number stays singular
    "fa": lambda n: 0,
}


def count_text(env, count, forms):
    """`forms` (already translated) with the form that fits `count` in the language of
    `env` (its context's, else its user's): Odoo 11's translations have no plural, so a text
    that counts lists its forms separated by "|", in the order of the language's plural
    categories ("%d course|%d courses" in English and German, one|few|many in Ukrainian,
    zero|one|two|few|many|other in Arabic, one form in Farsi). "%d" takes the count; a
    translation with fewer forms than its language has uses its last one."""
    lang = (env.lang or env.user.lang or "en_US").split("_")[0]
    choices = forms.split("|")
    rule = PLURAL_RULES.get(lang, lambda n: 0 if n == 1 else 1)
    text = choices[min(rule(abs(count)), len(choices) - 1)].strip()
    return text.replace("%d", str(count))
