import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html_sanitize

from odoo.addons.http_routing.models.ir_http import slug
from odoo.addons.qnetz_base.tools import like_escape

REGIONS = [
    ("hoexter", "Kreis Höxter"),
    ("holzminden", "Landkreis Holzminden"),
    ("both", "Both districts"),
]
COSTS = [
    ("free", "Free of charge"),
    ("fee", "Subject to a fee"),
]
# The facets of the public guide: URL parameter -> how an offer is matched.
FACETS = ("target", "topic", "region", "cost", "language")
# Caps on what a visitor's search may cost us; longer input is cut, not refused.
SEARCH_MAX_CHARS = 100
SEARCH_MAX_WORDS = 6


# German spellings a visitor may type either way: "Schweissen" finds "Schweißen".
SPELLINGS = (("ß", "ss"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue"))
# Endings cut off so that "Schweißen" also finds "Schweißkurs" and "Sprachkurse" "Sprachkurs".
ENDINGS = ("ungen", "ung", "en", "er", "es", "e", "n", "s")
MIN_STEM = 4
# NUL and other control characters: PostgreSQL refuses NUL in a string, and none of
# them belongs in a search.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def search_variants(word):
    """The forms of a search word to look for (each matched as a substring)."""
    word = word.lower()
    forms = {word}
    for umlaut, plain in SPELLINGS:
        forms |= {form.replace(umlaut, plain) for form in forms}
        forms |= {form.replace(plain, umlaut) for form in forms if plain in form}
    stems = set()
    for form in forms:
        for ending in ENDINGS:
            if form.endswith(ending) and len(form) - len(ending) >= MIN_STEM:
                stems.add(form[:-len(ending)])
                break
    forms |= stems
    # A form that contains another one adds nothing to a substring search.
    return sorted(form for form in forms
                  if not any(other != form and other in form for other in forms))


class QnetzOffer(models.Model):
    """A support offer of the region, shown in the public guide (Wegweiser)."""

    _name = "qnetz.offer"
    _description = "Support Offer"
    _inherit = ["mail.thread", "website.seo.metadata", "website.published.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(string="Title", required=True, translate=True, track_visibility="onchange")
    summary = fields.Text(
        required=True, translate=True,
        help="Two or three sentences in plain language: what is it, who is it for.")
    description = fields.Html(
        translate=True, sanitize=True, sanitize_attributes=True,
        strip_style=True)
    institution_id = fields.Many2one(
        "res.partner", string="Institution", required=True, index=True, ondelete="restrict",
        domain=[("is_support_institution", "=", True)],
        help="The institution that provides the offer and answers questions about it.")
    target_group_ids = fields.Many2many(
        "qnetz.offer.target.group", "qnetz_offer_target_group_rel", "offer_id", "target_group_id",
        string="Target Groups")
    topic_ids = fields.Many2many(
        "qnetz.offer.topic", "qnetz_offer_topic_rel", "offer_id", "topic_id", string="Topics")
    language_ids = fields.Many2many(
        "qnetz.offer.language", "qnetz_offer_language_rel", "offer_id", "language_id",
        string="Offered in Languages")
    region = fields.Selection(REGIONS, required=True, default="both", index=True)
    cost = fields.Selection(COSTS, required=True, default="free", index=True)
    cost_note = fields.Char(string="Note on Costs", translate=True)
    eligibility = fields.Text(
        translate=True, help="Who can take part, and under which conditions.")
    how_to_apply = fields.Text(
        string="How to Apply", translate=True,
        help="One step per line; the guide shows them as a numbered list.")
    contact_info = fields.Text(
        string="Contact", translate=True,
        help="How to reach the institution. Only general contact channels, no private numbers.")
    external_url = fields.Char(string="External Link")
    date_start = fields.Date(string="Valid from", index=True)
    date_end = fields.Date(string="Valid until", index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    website_published = fields.Boolean(track_visibility="onchange")
    is_publicly_visible = fields.Boolean(
        string="Visible to Visitors", compute="_compute_is_publicly_visible",
        help="Published and within its validity dates.")

    @api.constrains("external_url")
    def _check_external_url(self):
        for offer in self.filtered("external_url"):
            if not re.match(r"^https?://[^\s<>\"']+$", offer.external_url.strip()):
                raise ValidationError(_(
                    "External Link: '%s' is not a web address starting with http:// or https://.")
                    % offer.external_url)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for offer in self:
            if offer.date_start and offer.date_end and offer.date_end < offer.date_start:
                raise ValidationError(_(
                    "Valid until: the offer '%s' cannot end before it starts.") % offer.name)

    @api.model
    def create(self, vals):
        # Odoo 11 stores the translation written at creation without sanitising it,
        # so clean the HTML before it reaches either the column or ir.translation.
        vals = self._sanitize_html_vals(vals)
        return super(QnetzOffer, self).create(vals)

    @api.multi
    def write(self, vals):
        return super(QnetzOffer, self).write(self._sanitize_html_vals(vals))

    def _sanitize_html_vals(self, vals):
        if vals.get("description"):
            vals = dict(vals, description=html_sanitize(
                vals["description"], sanitize_attributes=True, strip_style=True))
        return vals

    @api.multi
    def _compute_website_url(self):
        super(QnetzOffer, self)._compute_website_url()
        for offer in self:
            if offer.id:
                offer.website_url = "/wegweiser/%s" % slug(offer)

    @api.multi
    def _compute_is_publicly_visible(self):
        visible = self.sudo().search([("id", "in", self.ids)] + self._qnetz_visible_domain()).ids
        for offer in self:
            offer.is_publicly_visible = offer.id in visible

    @api.model
    def _qnetz_visible_domain(self):
        """Offers a visitor may see: published and valid today. The record rule says
        the same; this explicit domain also holds where the rule's cached date is stale."""
        today = fields.Date.context_today(self)
        return [
            ("website_published", "=", True),
            "|", ("date_start", "=", False), ("date_start", "<=", today),
            "|", ("date_end", "=", False), ("date_end", ">=", today),
        ]

    @api.model
    def _qnetz_clean_search(self, search):
        """The visitor's search text, trimmed to a sane size; plus whether it was cut."""
        text = " ".join(CONTROL_CHARS.sub(" ", search or "").split())
        cut = len(text) > SEARCH_MAX_CHARS
        text = text[:SEARCH_MAX_CHARS]
        words = text.split()
        if len(words) > SEARCH_MAX_WORDS:
            cut = True
            words = words[:SEARCH_MAX_WORDS]
        return " ".join(words), cut

    @api.model
    def _qnetz_search_domain(self, search):
        """Every word must occur in one of the offer's texts (AND of ORs)."""
        domain = []
        Partner = self.env["res.partner"].sudo()
        for word in search.split():
            variants = [like_escape(variant) for variant in search_variants(word)]
            # Visitors may not search partners; the institutions' names are public
            # anyway (they are shown with every offer), so look them up as superuser.
            institution_domain = ["|"] * (len(variants) - 1) + [
                ("name", "ilike", variant) for variant in variants]
            institutions = Partner.search(
                [("is_support_institution", "=", True)] + institution_domain)
            terms = [("institution_id", "in", institutions.ids)]
            for variant in variants:
                terms += [
                    ("name", "ilike", variant),
                    ("summary", "ilike", variant),
                    ("description", "ilike", variant),
                    ("eligibility", "ilike", variant),
                    ("target_group_ids.name", "ilike", variant),
                    ("topic_ids.name", "ilike", variant),
                ]
            domain += ["|"] * (len(terms) - 1) + terms
        return domain

    @api.model
    def _qnetz_facet_options(self):
        """The options of every facet, in display order: {facet: [(code, label), ...]}."""
        return {
            "target": [(g.code, g.name) for g in self.env["qnetz.offer.target.group"].search([])],
            "topic": [(t.code, t.name) for t in self.env["qnetz.offer.topic"].search([])],
            # 'both' is no option of its own: such offers are found under either district.
            "region": [(key, label) for key, label in
                       self._fields["region"]._description_selection(self.env)
                       if key != "both"],
            "cost": [(key, label) for key, label in
                     self._fields["cost"]._description_selection(self.env)],
            "language": [(lang.code, lang.name)
                         for lang in self.env["qnetz.offer.language"].search([])],
        }

    @api.model
    def _qnetz_search(self, search="", selected=None):
        """Search the guide as the current user.

        :param search: cleaned search text (see _qnetz_clean_search)
        :param selected: {facet: set of codes}; within a facet options are OR-ed,
                         facets are AND-ed
        :returns: (offer ids in display order, {facet: {code: count}}) where a facet's
                  counts apply every other facet's selection but not its own, so they say
                  how many offers a click on that option would show.

        The number of queries does not depend on how many offers match: one search,
        then one read of the facet values for all of them; the rest is done in Python.
        """
        selected = {facet: set(codes) for facet, codes in (selected or {}).items() if codes}
        domain = self._qnetz_visible_domain()
        if search:
            domain += self._qnetz_search_domain(search)
        offers = self.search(domain)
        values = []
        if offers:
            # The search above applied access rules; the facet values of all matches
            # are then read in one query (the ORM's read() of the three many2many
            # fields cost more than the rest of the page with 500 offers).
            # Flat joins rather than correlated subqueries: their plan does not depend
            # on fresh table statistics.
            self.env.cr.execute("""
                SELECT 'region', o.id, o.region FROM qnetz_offer o
                 WHERE o.id = ANY(%(ids)s)
                UNION ALL
                SELECT 'cost', o.id, o.cost FROM qnetz_offer o
                 WHERE o.id = ANY(%(ids)s)
                UNION ALL
                SELECT 'target', r.offer_id, g.code FROM qnetz_offer_target_group_rel r
                  JOIN qnetz_offer_target_group g ON g.id = r.target_group_id
                 WHERE r.offer_id = ANY(%(ids)s)
                UNION ALL
                SELECT 'topic', r.offer_id, t.code FROM qnetz_offer_topic_rel r
                  JOIN qnetz_offer_topic t ON t.id = r.topic_id
                 WHERE r.offer_id = ANY(%(ids)s)
                UNION ALL
                SELECT 'language', r.offer_id, l.code FROM qnetz_offer_language_rel r
                  JOIN qnetz_offer_language l ON l.id = r.language_id
                 WHERE r.offer_id = ANY(%(ids)s)
            """, {"ids": offers.ids})
            facet_values = {offer_id: {facet: set() for facet in FACETS}
                            for offer_id in offers.ids}
            for facet, offer_id, code in self.env.cr.fetchall():
                if facet == "region" and code == "both":
                    # An offer for both districts is found under either district.
                    facet_values[offer_id]["region"].update(("hoexter", "holzminden"))
                else:
                    facet_values[offer_id][facet].add(code)
            values = [(offer_id, facet_values[offer_id]) for offer_id in offers.ids]

        def matches(offer_values, facet):
            return facet not in selected or bool(offer_values[facet] & selected[facet])

        result_ids = []
        counts = {facet: {} for facet in FACETS}
        for offer_id, offer_values in values:
            failing = [facet for facet in FACETS if not matches(offer_values, facet)]
            if not failing:
                result_ids.append(offer_id)
            # Counting for a facet ignores that facet's own selection.
            for facet in FACETS:
                if not failing or failing == [facet]:
                    for code in offer_values[facet]:
                        counts[facet][code] = counts[facet].get(code, 0) + 1
        return result_ids, counts

    @api.multi
    def _qnetz_application_steps(self):
        self.ensure_one()
        steps = []
        for line in (self.how_to_apply or "").splitlines():
            line = line.strip().lstrip("-*•").strip()
            line = re.sub(r"^\d+[.)]\s*", "", line)
            if line:
                steps.append(line)
        return steps

    @api.multi
    def _qnetz_description_html(self):
        """The description, sanitised again when shown: a translation entered through
        the translation dialog never passes the field's own sanitiser."""
        self.ensure_one()
        return html_sanitize(self.description or "", sanitize_attributes=True, strip_style=True)

    @api.model
    def _cron_refresh_validity(self):
        """The record rules evaluate today's date once and cache the result; clear that
        cache after midnight so expired offers also drop out of the rule's view."""
        self.env["ir.rule"].clear_caches()
