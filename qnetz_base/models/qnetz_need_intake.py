from collections import OrderedDict
from datetime import timedelta

from odoo import _, api, fields, models

from ..tools import has_control_characters, to_ids, to_int

# The one table of what each channel may send with a need, and how much of it. A need
# reported on the website comes from anybody; one from the portal from a known company.
INTAKE_CHANNELS = {
    "portal": {
        "fields": ("area", "topic", "occupation_id", "participant_count", "preferred_place",
                   "preferred_time", "wanted_start", "urgency", "description",
                   "apprentice_ids"),
        "max_length": {"topic": 200, "description": 4000},
        "max_participants": 99,
    },
    "website": {
        "fields": ("area", "topic", "participant_count", "preferred_place", "preferred_time",
                   "wanted_start", "description"),
        "max_length": {"topic": 200, "description": 2000},
        "max_participants": 30,
    },
}
# A wanted start further ahead than this is a typo, not a plan.
MAX_YEARS_AHEAD = 3
TEXT_FIELDS = ("topic", "description")
SELECTION_FIELDS = ("area", "preferred_place", "preferred_time", "urgency")
# What a form left empty means; area and topic have no sensible default.
SELECTION_DEFAULTS = {"preferred_place": "either", "preferred_time": "any", "urgency": "1"}


class QnetzNeed(models.Model):
    _inherit = "qnetz.need"

    @api.model
    def _qnetz_intake_labels(self, labels=None):
        """Field labels for the messages, in the caller's language; a channel may name
        a field the way its own form does."""
        result = {name: self._fields[name].get_description(self.env)["string"]
                  for name in INTAKE_CHANNELS["portal"]["fields"]}
        result.update(labels or {})
        return result

    @api.model
    def _qnetz_check_intake(self, data, channel, company=None, labels=None):
        """Check what a company (portal) or a visitor (website) sent for a need.

        `data` holds raw input: strings from a form or any JSON type from an RPC call.
        Returns (values, errors): the values to write, limited to the channel's fields,
        and {field: message} for everything that is wrong. Apprentices are accepted only
        as ids of `company`'s own apprentices, never as x2many commands."""
        spec = INTAKE_CHANNELS[channel]
        labels = self._qnetz_intake_labels(labels)
        errors = OrderedDict()
        values = {}

        def fail(field, message):
            errors.setdefault(field, message)

        unknown = set(data) - set(spec["fields"])
        if unknown:
            fail("form", _("These fields cannot be sent with a need: %s")
                 % ", ".join(sorted(str(key) for key in unknown)))

        for field in TEXT_FIELDS:
            value = data.get(field)
            if value in (None, False):
                value = ""
            if not isinstance(value, str):
                fail(field, _("%s: please enter a text.") % labels[field])
                continue
            value = value.strip()
            limit = spec["max_length"][field]
            if has_control_characters(value):
                fail(field, _("%s: the text contains characters that cannot be stored "
                              "(control characters).") % labels[field])
            elif len(value) > limit:
                fail(field, _("%s: please use at most %d characters (you entered %d).")
                     % (labels[field], limit, len(value)))
            values[field] = value or False
        if "topic" not in errors and not values.get("topic"):
            fail("topic", _("%s: please describe in a few words what should be learnt.")
                 % labels["topic"])

        for field in SELECTION_FIELDS:
            if field not in spec["fields"]:
                continue
            value = data.get(field) or SELECTION_DEFAULTS.get(field)
            keys = dict(self._fields[field]._description_selection(self.env))
            if not value:
                fail(field, _("%s: please choose a value.") % labels[field])
            elif not isinstance(value, str) or value not in keys:
                fail(field, _("%s: please choose one of the offered values.") % labels[field])
            else:
                values[field] = value

        raw_count = data.get("participant_count")
        count = to_int(raw_count) if raw_count not in (None, False, "") else 1
        maximum = spec["max_participants"]
        if not 1 <= count <= maximum:
            fail("participant_count", _("%s: please enter a whole number from 1 to %d.")
                 % (labels["participant_count"], maximum))
        else:
            values["participant_count"] = count

        wanted = data.get("wanted_start") or False
        if wanted:
            values["wanted_start"] = False
            try:
                if not isinstance(wanted, str) or len(wanted) != 10:
                    raise ValueError
                start = fields.Date.from_string(wanted)
            except ValueError:
                fail("wanted_start", _("%s: please enter a date like 2027-03-01.")
                     % labels["wanted_start"])
            else:
                today = fields.Date.from_string(fields.Date.context_today(self))
                if start < today:
                    fail("wanted_start", _("%s: the date lies in the past.")
                         % labels["wanted_start"])
                elif start > today + timedelta(days=MAX_YEARS_AHEAD * 366):
                    fail("wanted_start", _("%s: please choose a date within the next three "
                                           "years.") % labels["wanted_start"])
                else:
                    values["wanted_start"] = wanted
        else:
            values["wanted_start"] = False

        if "occupation_id" in spec["fields"]:
            occupation = self.env["qnetz.occupation"]
            raw = data.get("occupation_id")
            if raw not in (None, False, "", 0):
                occupation = occupation.sudo().search([("id", "=", to_int(raw))])
                if not occupation:
                    fail("occupation_id", _("%s: unknown occupation.") % labels["occupation_id"])
            values["occupation_id"] = occupation.id or False

        if "apprentice_ids" in spec["fields"]:
            ids = to_ids(data.get("apprentice_ids"))
            apprentices = self.env["res.partner"]
            if ids is None:
                fail("apprentice_ids", _("%s: please choose apprentices by their number.")
                     % labels["apprentice_ids"])
            elif ids:
                apprentices = apprentices.sudo().search([
                    ("id", "in", ids), ("is_apprentice", "=", True),
                    ("employer_id", "=", company.id if company else False)])
                if len(apprentices) != len(set(ids)):
                    fail("apprentice_ids", _("%s: only your own apprentices can be chosen.")
                         % labels["apprentice_ids"])
                elif "participant_count" in values and len(apprentices) > count:
                    fail("apprentice_ids", _(
                        "%s: %d apprentices are chosen, more than the %d participants.")
                        % (labels["apprentice_ids"], len(apprentices), count))
            values["apprentice_ids"] = [(6, 0, apprentices.ids)]

        return values, errors
