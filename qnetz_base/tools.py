"""What every outside action of the network shares: the trust boundary.

Portal users, visitors and RPC clients reach the network only through model methods
(``qnetz_portal_*`` and the website's intake). Those methods check the caller and the
values, then write as superuser; the helpers here make sure that nothing the caller
chose besides the checked values travels along into that write.
"""
import re

from odoo import SUPERUSER_ID

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


def post_note(records, author, body):
    """A chatter note on `records`, written in the outside environment but signed by the
    partner of the user who acted (`author`), so the chatter names the real person."""
    for record in records:
        record.message_post(body=body, author_id=author.id, message_type="comment",
                            subtype="mail.mt_note")
