import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Which kind of help of the guide fits a need of each area.
AREA_TOPICS = {
    "general": ("topic_tutoring",),
    "theory": ("topic_tutoring",),
    "practice": ("topic_practical",),
    "language": ("topic_language", "topic_integration"),
}
# Target groups of the guide from the markers of the apprentices' target-group profiles.
PROFILE_GROUPS = {
    "is_refugee": "target_group_refugees",
    "learning_difficulties": "target_group_learning_difficulties",
    "gap_general": "target_group_gaps",
    "gap_theory": "target_group_gaps",
    "gap_practice": "target_group_gaps",
}
MIN_SCORE = 3
MAX_SUGGESTIONS = 3
WORD_RE = re.compile(r"\w{4,}", re.UNICODE)


class QnetzNeed(models.Model):
    _inherit = "qnetz.need"

    referral_offer_id = fields.Many2one(
        "qnetz.offer", string="Referred to Offer", ondelete="restrict", copy=False,
        track_visibility="onchange",
        help="The offer of the guide that serves the need instead of a course.")
    # the suggestions follow from the apprentices' target-group profiles (sensitive data):
    # for the coordination group only
    offer_suggestion_ids = fields.Many2many(
        "qnetz.offer", compute="_compute_offer_suggestion_ids", string="Suggested Offers",
        groups="qnetz_base.group_qnetz_coordinator")

    @api.multi
    def _qnetz_offer_scores(self):
        """{need id: [(offer, score)]}, best first: the topic of the need's area counts 2,
        each target group of its apprentices (or young person) 2, each word of the topic
        found in the offer's title or summary 1; offers outside the need's side are left
        out. One search of offers and one of profiles for all needs."""
        def ref(name):
            return self.env.ref("qnetz_guide." + name, raise_if_not_found=False)
        offers = self.env["qnetz.offer"].sudo().search(
            self.env["qnetz.offer"]._qnetz_visible_domain())
        people = self.mapped("apprentice_ids") | self.mapped("partner_id").filtered(
            "is_apprentice")
        profiles = self.env["qnetz.target.profile"].sudo().search(
            [("partner_id", "in", people.ids)])
        young = ref("target_group_pre_training")
        result = {}
        for need in self:
            topics = [ref(name) for name in AREA_TOPICS.get(need.area, ())]
            groups = set()
            persons = need.apprentice_ids | (need.partner_id if need.partner_id.is_apprentice
                                             else need.partner_id.browse())
            for profile in profiles.filtered(lambda p: p.partner_id in persons):
                groups |= {ref(name) for marker, name in PROFILE_GROUPS.items()
                           if profile[marker]}
            if need.partner_id.is_apprentice and not need.partner_id.employer_id and young:
                groups.add(young)
            words = {word.lower() for word in WORD_RE.findall(need.topic or "")}
            side = need.district_id.place
            scored = []
            for offer in offers:
                if side and offer.region not in (side, "both"):
                    continue
                score = 2 * len([t for t in topics if t and t in offer.topic_ids])
                score += 2 * len([g for g in groups if g and g in offer.target_group_ids])
                text = ("%s %s" % (offer.name, offer.summary or "")).lower()
                score += len([word for word in words if word in text])
                if score >= MIN_SCORE:
                    scored.append((offer, score))
            scored.sort(key=lambda pair: (-pair[1], pair[0].sequence, pair[0].id))
            result[need.id] = scored[:MAX_SUGGESTIONS]
        return result

    @api.multi
    def _compute_offer_suggestion_ids(self):
        scores = self._qnetz_offer_scores()
        for need in self:
            need.offer_suggestion_ids = [
                offer.id for offer, _score in scores.get(need.id, [])]

    @api.multi
    def action_refer(self):
        """Close the need as served by the chosen offer of the guide."""
        self.check_access_rights("write")
        for need in self:
            if not need.referral_offer_id:
                raise UserError(_("Referred to Offer: please choose the offer that serves "
                                  "%s.") % need.name)
        self.write({"state": "referred"})
        return True

    @api.multi
    def action_use_suggested_offer(self):
        self.check_access_rights("write")
        self.check_access_rule("write")
        scores = self._qnetz_offer_scores()
        for need in self:
            if scores.get(need.id):
                need.referral_offer_id = scores[need.id][0][0]
        return True
