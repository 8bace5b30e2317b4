from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LANGUAGE_LEVELS = [
    ("a1", "A1"), ("a2", "A2"), ("b1", "B1"), ("b2", "B2"), ("c1", "C1"), ("c2", "C2"),
]
# The target-group markers: sensitive personal data (learning difficulties, migration
# background). Setting any of them needs a recorded consent first.
MARKER_FIELDS = (
    "learning_difficulties", "gap_general", "gap_theory", "gap_practice", "is_refugee",
    "language_level",
)
CONSENT_FIELDS = ("consent_date", "consent_given_by", "consent_purpose")


class QnetzTargetProfile(models.Model):
    """Target-group markers of one young person (Zielgruppenprofil).

    Kept apart from res.partner so that only the coordination group can read them
    (ACL + record rule on this model) and so that the profile can outlive the person's
    identity: anonymisation detaches it but keeps the markers for the statistics."""

    _name = "qnetz.target.profile"
    _description = "Target-Group Profile"
    _inherit = ["mail.thread"]
    _order = "first_reached_date desc, id desc"
    _rec_name = "display_label"

    partner_id = fields.Many2one(
        "res.partner", string="Person", index=True, ondelete="set null",
        domain=[("is_company", "=", False)], track_visibility="onchange")
    display_label = fields.Char(string="Profile", compute="_compute_display_label")
    anonymised = fields.Boolean(
        readonly=True, copy=False, index=True,
        help="The person's identity has been removed; the profile only counts.")
    anonymised_date = fields.Date(string="Anonymised on", readonly=True, copy=False)

    # Markers
    learning_difficulties = fields.Boolean(
        track_visibility="onchange")
    gap_general = fields.Boolean(string="Gaps in General Education", track_visibility="onchange")
    gap_theory = fields.Boolean(string="Gaps in Technical Theory", track_visibility="onchange")
    gap_practice = fields.Boolean(string="Gaps in Technical Practice", track_visibility="onchange")
    is_refugee = fields.Boolean(
        string="Refugee / Immigrant", track_visibility="onchange",
        help="Refugee or immigrant who needs industry-specific German to reach the full "
             "depth and breadth of the training.")
    language_level = fields.Selection(
        LANGUAGE_LEVELS, string="German Level", track_visibility="onchange")

    # Non-identifying context, copied from the person so that it survives anonymisation.
    district_id = fields.Many2one(
        "qnetz.district", string="District", index=True, ondelete="restrict")
    employer_is_sme = fields.Boolean(string="Employer is an SME")
    first_reached_date = fields.Date(
        string="First Reached", default=fields.Date.context_today,
        help="When the network first reached this person.")

    # Consent (Art. 9 GDPR): who agreed, when, and what for.
    consent_date = fields.Date(track_visibility="onchange")
    consent_given_by = fields.Char(
        track_visibility="onchange",
        help="Who gave the consent: the young person, or a legal guardian.")
    consent_purpose = fields.Text(string="Purpose of Consent")
    company_id = fields.Many2one(
        "res.company", string="Company", required=True,
        default=lambda self: self.env["res.company"]._company_default_get("qnetz.target.profile"))

    _sql_constraints = [
        ("partner_unique", "unique(partner_id)",
         "Person: this person already has a target-group profile."),
    ]

    @api.depends("partner_id", "anonymised")
    def _compute_display_label(self):
        for profile in self:
            if profile.partner_id:
                profile.display_label = profile.partner_id.display_name
            else:
                profile.display_label = _("Anonymised profile #%s") % (profile.id or "")

    def _has_markers(self):
        self.ensure_one()
        return any(self[name] for name in MARKER_FIELDS)

    @api.constrains(*(MARKER_FIELDS + CONSENT_FIELDS))
    def _check_consent(self):
        for profile in self:
            # An anonymised profile no longer relates to anyone; who consented was scrubbed.
            if profile.anonymised or not profile._has_markers():
                continue
            if not (profile.consent_date and profile.consent_given_by and profile.consent_purpose):
                raise ValidationError(_(
                    "Consent Date, Consent Given By, Purpose of Consent: target-group markers "
                    "are sensitive personal data and may only be stored with a recorded consent "
                    "(date, who gave it, and what for)."))

    @api.constrains("consent_date")
    def _check_consent_date(self):
        today = fields.Date.context_today(self)
        for profile in self:
            if profile.consent_date and profile.consent_date > today:
                raise ValidationError(_("Consent Date: a consent cannot be dated in the future."))

    @api.model
    def _context_values(self, partner):
        """The non-identifying context of a person, kept for the statistics."""
        return {
            "district_id": (partner.district_id or partner.employer_id.district_id).id,
            "employer_is_sme": partner.employer_id.is_sme,
        }

    @api.model
    def create(self, vals):
        if vals.get("partner_id"):
            context_vals = self._context_values(self.env["res.partner"].browse(vals["partner_id"]))
            for key, value in context_vals.items():
                vals.setdefault(key, value)
        return super(QnetzTargetProfile, self).create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("partner_id"):
            context_vals = self._context_values(self.env["res.partner"].browse(vals["partner_id"]))
            for key, value in context_vals.items():
                vals.setdefault(key, value)
        return super(QnetzTargetProfile, self).write(vals)

    @api.multi
    def action_withdraw_consent(self):
        """The person withdrew the consent: the markers and their history go with it."""
        today = fields.Date.context_today(self)
        # Tracking messages repeat the marker values; they must not outlive the consent.
        self.sudo().mapped("message_ids").filtered("tracking_value_ids").unlink()
        values = {name: False for name in MARKER_FIELDS + CONSENT_FIELDS}
        self.with_context(tracking_disable=True).write(values)
        for profile in self:
            profile.message_post(body=_(
                "Consent withdrawn on %s: the target-group markers have been deleted.") % today)
        return True

    @api.multi
    def _anonymise(self):
        """Detach the profiles from their person; markers, district and dates stay."""
        today = fields.Date.context_today(self)
        # The history names the person (tracking of partner_id, consent given by): drop it.
        self.sudo().mapped("message_ids").unlink()
        self.with_context(tracking_disable=True).write({
            "partner_id": False,
            "consent_given_by": False,
            "anonymised": True,
            "anonymised_date": today,
        })
