from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qnetz_base.tools import (
    has_control_characters, outside_env, post_note)
from odoo.addons.qnetz_courses.spine.course_time import course_today

# What a provider may write into its quote, with the longest text each field takes.
QUOTE_TEXT_FIELDS = {"time_pattern": 200, "venue": 200, "trainer": 120, "remarks": 2000}
QUOTE_DATE_FIELDS = ("date_begin", "date_end")
MAX_PRICE = 1000000.0


class QnetzQuote(models.Model):
    _inherit = "qnetz.quote"

    # The provider's side of a quote request. Portal users only read their own quotes
    # (record rules); answering goes through qnetz_portal_answer_quote, which checks the
    # caller, the deadline and every value, then writes as superuser.

    @api.multi
    def _qnetz_portal_own_quote(self):
        """The one quote addressed to the caller's organisation, or AccessError."""
        provider = self.env["res.partner"]._qnetz_portal_organisation("provider")
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one quote request."))
        quote = self.search([("id", "=", self.id), ("provider_id", "child_of", provider.id)])
        if not quote:
            raise AccessError(_("This quote request is not addressed to you."))
        return quote

    @api.multi
    def _qnetz_portal_is_open(self):
        """Whether the provider may still answer: request sent, not decided, in time."""
        self.ensure_one()
        quote = self.sudo()
        return (quote.quote_request_id.state == "sent" and quote.state in ("requested", "answered")
                and course_today() <= quote.quote_request_id.deadline)

    @api.model
    def _qnetz_check_quote_values(self, values):
        """Check what a provider sent. Returns (values to write, {field: message})."""
        if not isinstance(values, dict):
            raise ValidationError(_("Please send the quote's fields as a dictionary."))
        labels = {name: self._fields[name].get_description(self.env)["string"]
                  for name in ("price",) + QUOTE_DATE_FIELDS + tuple(QUOTE_TEXT_FIELDS)}
        errors = {}
        unknown = set(values) - set(labels)
        if unknown:
            raise ValidationError(_("These fields cannot be set in a quote: %s")
                                  % ", ".join(sorted(str(key) for key in unknown)))
        vals = {}
        price = values.get("price")
        if isinstance(price, str):
            price = price.strip().replace(".", "").replace(",", ".") \
                if "," in price else price.strip()
            try:
                price = float(price) if price else None
            except ValueError:
                price = False
        if isinstance(price, bool) or not isinstance(price, (int, float)) \
                or not 0 < price <= MAX_PRICE:
            errors["price"] = _("%s: please give the price for the whole course in euros "
                                "(e.g. 4800 or 4800,50).") % labels["price"]
        else:
            vals["price"] = round(float(price), 2)
        today = course_today()
        for name in QUOTE_DATE_FIELDS:
            value = values.get(name)
            try:
                day = fields.Date.from_string(value) if isinstance(value, str) and \
                    len(value) == 10 else None
            except ValueError:
                day = None
            if not day:
                errors[name] = _("%s: please give a date.") % labels[name]
            elif fields.Date.to_string(day) < today:
                errors[name] = _("%s: the date is in the past.") % labels[name]
            else:
                vals[name] = fields.Date.to_string(day)
        if vals.get("date_begin") and vals.get("date_end") and \
                vals["date_end"] < vals["date_begin"]:
            errors["date_end"] = _("%s: the course cannot end before it begins.") \
                % labels["date_end"]
        for name, limit in QUOTE_TEXT_FIELDS.items():
            value = values.get(name) or ""
            if not isinstance(value, str) or has_control_characters(value) \
                    or len(value.strip()) > limit:
                errors[name] = _("%s: please use at most %d characters of plain text.") % (
                    labels[name], limit)
            else:
                vals[name] = value.strip() or False
        return vals, errors

    @api.multi
    def qnetz_portal_answer_quote(self, values):
        """A provider answers (or revises) its quote until the deadline."""
        quote = self._qnetz_portal_own_quote()
        if not quote._qnetz_portal_is_open():
            raise UserError(_("Quote: this request is closed or its deadline has passed; "
                              "answers are no longer accepted."))
        vals, errors = self._qnetz_check_quote_values(values)
        if errors:
            raise ValidationError("\n".join(errors[key] for key in sorted(errors)))
        author = self.env.user.partner_id
        revised = quote.state == "answered"
        vals.update({"state": "answered", "answered_date": fields.Datetime.now()})
        quote = quote.with_env(outside_env(self.env))
        quote.write(vals)
        note = (_("%s revised the quote in the portal.") if revised else
                _("%s answered the quote request in the portal.")) % author.name
        post_note(quote, author, note)
        request = quote.quote_request_id
        post_note(request, author, note)
        request._qnetz_todo(_("Compare the quotes"), note, users=request.user_id,
                            deadline=request.deadline)
        return True
