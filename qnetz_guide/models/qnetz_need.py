import hashlib
import hmac
import re
import time
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.tools import DEFAULT_SERVER_DATETIME_FORMAT

from odoo.addons.qnetz_base.models.qnetz_need import AREAS, PLACES, TIMES
from odoo.addons.qnetz_base.models.qnetz_need_intake import INTAKE_CHANNELS
from odoo.addons.qnetz_base.tools import like_escape, outside_env

# Limits of the public form; longer input is refused with a message, never cut silently.
# Limits of the reporter's fields; the need's own fields have theirs in INTAKE_CHANNELS.
# Longer input is refused with a message, never cut silently.
MAX_LENGTHS = {
    "name": 120,
    "contact_name": 120,
    "email": 120,
    "phone": 40,
}
EMAIL_RE = re.compile(r"^[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^[0-9 +()/\-]*$")
KINDS = ("company", "young_person")
DISTRICTS = {
    "hoexter": "qnetz_base.district_hoexter",
    "holzminden": "qnetz_base.district_holzminden",
}
# Defaults of the spam protection; ir.config_parameter keys override them.
MIN_FILL_SECONDS = 3
MAX_TOKEN_AGE = 24 * 3600
MAX_REPORTS_PER_HOUR = 5


class QnetzNeed(models.Model):
    _inherit = "qnetz.need"

    web_reported = fields.Boolean(
        string="Reported via Website", readonly=True, copy=False,
        help="Reported by a visitor through the public 'Bedarf melden' form.")
    web_consent_date = fields.Datetime(
        string="Consent Given on", readonly=True, copy=False,
        help="When the reporter agreed that the network may store and use the data to "
             "get back to them.")
    web_source_hash = fields.Char(
        string="Source Fingerprint", readonly=True, copy=False, index=True,
        groups="qnetz_base.group_qnetz_coordinator",
        help="Keyed hash of the reporter's IP address, only used to limit how many needs "
             "one source can report per hour; the address itself is not stored.")

    # --- spam protection --------------------------------------------------------------

    @api.model
    def _qnetz_secret(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""

    @api.model
    def _qnetz_sign(self, message):
        return hmac.new(self._qnetz_secret().encode(), message.encode(),
                        hashlib.sha256).hexdigest()

    @api.model
    def _qnetz_form_token(self, timestamp=None):
        """A signed timestamp of when the form was served, to spot robots that post
        faster than any person can fill in the form."""
        timestamp = int(timestamp if timestamp is not None else time.time())
        return "%d.%s" % (timestamp, self._qnetz_sign("qnetz_need_form:%d" % timestamp)[:32])

    @api.model
    def _qnetz_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param("qnetz_guide." + key)
        try:
            return int(value) if value not in (None, False, "") else default
        except ValueError:
            return default

    @api.model
    def _qnetz_check_form_token(self, token):
        """None if the token is genuine and old enough, else a message for the visitor."""
        timestamp, _dot, signature = (token or "").partition(".")
        if not timestamp.isdigit() or not hmac.compare_digest(
                signature, self._qnetz_sign("qnetz_need_form:%s" % timestamp)[:32]):
            return _("The form could not be verified. Please check your entries and send "
                     "it again.")
        age = time.time() - int(timestamp)
        if age < self._qnetz_param("need_form_min_seconds", MIN_FILL_SECONDS):
            return _("That was very fast. Please check your entries and send the form again.")
        if age > self._qnetz_param("need_form_max_age", MAX_TOKEN_AGE):
            return _("The form has expired. Please check your entries and send it again.")
        return None

    @api.model
    def _qnetz_source_hash(self, remote_addr):
        return self._qnetz_sign("qnetz_need_source:%s" % (remote_addr or ""))[:40]

    @api.model
    def _qnetz_rate_limited(self, source_hash):
        since = (datetime.utcnow() - timedelta(hours=1)).strftime(DEFAULT_SERVER_DATETIME_FORMAT)
        count = self.sudo().search_count([
            ("web_source_hash", "=", source_hash), ("create_date", ">=", since)])
        return count >= self._qnetz_param("need_form_per_hour", MAX_REPORTS_PER_HOUR)

    # --- the form -------------------------------------------------------------------------

    @api.model
    def _qnetz_form_options(self):
        def labels(selection):
            return dict(self._fields[selection]._description_selection(self.env))
        return {
            "area": [(key, labels("area")[key]) for key, _label in AREAS],
            "preferred_place": [(key, labels("preferred_place")[key]) for key, _l in PLACES],
            "preferred_time": [(key, labels("preferred_time")[key]) for key, _l in TIMES],
            "max_participants": INTAKE_CHANNELS["website"]["max_participants"],
            "max_lengths": dict(MAX_LENGTHS, **INTAKE_CHANNELS["website"]["max_length"]),
        }

    @api.model
    def _qnetz_validate_report(self, post):
        """Check the posted form. Returns (clean values, {field: message}).

        The reporter's own fields are checked here; the need's fields by the need intake
        that the portal uses too, with the website's limits and the form's labels."""
        def text(key):
            value = post.get(key) or ""
            return value.strip() if isinstance(value, str) else ""

        clean = {key: text(key) for key in (
            "kind", "name", "contact_name", "email", "phone", "district", "area", "topic",
            "participant_count", "preferred_place", "preferred_time", "wanted_start",
            "description")}
        need_data = {key: clean[key] for key in INTAKE_CHANNELS["website"]["fields"]}
        need_values, errors = self._qnetz_check_intake(need_data, "website", labels={
            "area": _("Area"), "topic": _("What should be learnt"),
            "participant_count": _("Participants"), "wanted_start": _("Wanted start"),
            "description": _("Message"), "preferred_place": _("Place"),
            "preferred_time": _("Time"),
        })
        errors = dict(errors)
        field_labels = {
            "name": _("Name"), "contact_name": _("Contact person"), "email": _("Email"),
            "phone": _("Phone"),
        }
        for key, limit in MAX_LENGTHS.items():
            if len(clean[key]) > limit:
                errors[key] = _("%s: please use at most %d characters (you entered %d).") % (
                    field_labels[key], limit, len(clean[key]))
        if clean["kind"] not in KINDS:
            errors["kind"] = _("Who is reporting: please choose a company or a young person.")
        if not clean["name"]:
            errors["name"] = _("Name: please enter the company's or your name.")
        if not clean["email"]:
            errors["email"] = _("Email: please enter an email address so that we can reply.")
        elif "email" not in errors and not EMAIL_RE.match(clean["email"]):
            errors["email"] = _("Email: '%s' is not a valid email address.") % clean["email"]
        if "phone" not in errors and not PHONE_RE.match(clean["phone"]):
            errors["phone"] = _("Phone: please use only digits, spaces and + ( ) / -.")
        if clean["district"] not in DISTRICTS:
            errors["district"] = _("District: please choose Kreis Höxter or Landkreis Holzminden.")
        if post.get("consent") not in ("1", "on", "yes"):
            errors["consent"] = _(
                "Consent: please agree that we may store your details to answer you.")
        clean.update(need_values)
        return clean, errors

    @api.model
    def _qnetz_find_or_create_reporter(self, clean):
        """The partner behind a web report. Only partners created by this form are ever
        matched (by email), so a visitor can neither read nor change nor attach needs to
        the network's curated partners; the coordinator merges duplicates later."""
        Partner = self.env["res.partner"].sudo()
        district = self.env.ref(DISTRICTS[clean["district"]])
        role = "is_training_company" if clean["kind"] == "company" else "is_apprentice"
        email = like_escape(clean["email"])
        partner = Partner.search([
            ("web_reported", "=", True), (role, "=", True), ("parent_id", "=", False),
            ("email", "=ilike", email)], limit=1)
        if partner:
            return partner
        values = {
            "name": clean["name"],
            "email": clean["email"],
            "phone": clean["phone"] or False,
            "district_id": district.id,
            "web_reported": True,
            "customer": False,
            "lang": "de_DE" if self.env["res.lang"].search_count(
                [("code", "=", "de_DE")]) else False,
            role: True,
        }
        if clean["kind"] == "company":
            values["is_company"] = True
        partner = Partner.create(values)
        if clean["kind"] == "company" and clean["contact_name"]:
            Partner.create({
                "name": clean["contact_name"],
                "parent_id": partner.id,
                "type": "contact",
                "email": clean["email"],
                "web_reported": True,
                "customer": False,
            })
        return partner

    @api.model
    def _qnetz_submit_report(self, post, remote_addr):
        """Handle a posted 'Bedarf melden' form.

        Returns {'ok': True, 'need': need} or {'errors': {field: message}, 'token': ...};
        'token' is the form token to serve again (kept when it was genuine, so that a
        visitor correcting a typo does not have to wait again)."""
        token = post.get("form_token") or ""
        if post.get("homepage"):
            # Only robots fill the hidden field; they get the normal thanks and no need.
            return {"ok": True, "need": self.browse()}
        token_error = self._qnetz_check_form_token(token)
        if token_error:
            return {"errors": {"form": token_error}}
        source_hash = self._qnetz_source_hash(remote_addr)
        if self._qnetz_rate_limited(source_hash):
            return {"errors": {"form": _(
                "Many needs were reported from your connection within the last hour. "
                "Please try again later.")}, "token": token}
        clean, errors = self._qnetz_validate_report(post)
        if errors:
            return {"errors": errors, "token": token}
        partner = self._qnetz_find_or_create_reporter(clean)
        description = clean["description"]
        if clean["kind"] == "company" and clean["contact_name"]:
            description = _("Contact person: %s") % clean["contact_name"] + (
                "\n\n" + description if description else "")
        # the chatter names the reporter, not the administrator the write runs as
        Need = self.with_env(outside_env(self.env, author=partner)).with_context(
            mail_create_nosubscribe=True)
        need = Need.create({
            "partner_id": partner.id,
            "area": clean["area"],
            "topic": clean["topic"],
            "participant_count": clean["participant_count"],
            "preferred_place": clean["preferred_place"],
            "preferred_time": clean["preferred_time"],
            "wanted_start": clean["wanted_start"] or False,
            "description": description or False,
            "user_id": False,
            "web_reported": True,
            "web_consent_date": fields.Datetime.now(),
            "web_source_hash": source_hash,
        })
        need.message_post(body=_("Reported through the public form 'Bedarf melden'."))
        return {"ok": True, "need": need}
