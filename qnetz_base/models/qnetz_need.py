from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

AREAS = [
    ("general", "General education"),
    ("theory", "Technical theory"),
    ("practice", "Technical practice"),
    ("language", "Industry-specific language course"),
]
PLACES = [
    ("hoexter", "Höxter side"),
    ("holzminden", "Holzminden side"),
    ("either", "Either side"),
]
TIMES = [
    ("evening", "Evenings"),
    ("saturday", "Saturdays"),
    ("block", "Block weeks"),
    ("school_day", "On vocational-school days"),
    ("any", "Any time"),
]
STATES = [
    ("new", "New"),
    ("qualified", "Qualified"),
    ("bundled", "Bundled into a course"),
    ("served", "Served"),
    ("referred", "Referred to an offer"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
]
# The workflow the coordinator drives; any other change of state is refused.
# A referred need is served by an offer of the guide instead of a course (qnetz_guide);
# it stays referred (the reporting counts it so) unless the coordinator takes it up again.
TRANSITIONS = {
    "new": ("qualified", "referred", "withdrawn"),
    "qualified": ("bundled", "new", "referred", "withdrawn"),
    "bundled": ("served", "qualified", "withdrawn"),
    "served": ("closed",),
    "closed": (),
    "withdrawn": ("new",),
    "referred": ("qualified",),
}


class QnetzNeed(models.Model):
    """A training need reported by a company or a young person (Bedarf)."""

    _name = "qnetz.need"
    _description = "Training Need"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "urgency desc, wanted_start, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, index=True,
        default=lambda self: _("New"))
    partner_id = fields.Many2one(
        "res.partner", string="Reported by", required=True, index=True, ondelete="restrict",
        track_visibility="onchange",
        domain=["|", ("is_training_company", "=", True), ("is_apprentice", "=", True)],
        help="The training company that has the need, or the young person directly.")
    apprentice_ids = fields.Many2many(
        "res.partner", "qnetz_need_apprentice_rel", "need_id", "partner_id",
        string="Apprentices Concerned",
        domain="[('is_apprentice', '=', True), ('employer_id', '=', partner_id)]")
    district_id = fields.Many2one(
        "qnetz.district", string="District", compute="_compute_district_id", store=True,
        index=True)
    federal_state_id = fields.Many2one(
        "res.country.state", string="Federal State", related="district_id.state_id",
        store=True, readonly=True)
    area = fields.Selection(AREAS, required=True, index=True, track_visibility="onchange")
    topic = fields.Char(required=True, track_visibility="onchange",
                        help="What should be learnt, in the company's words.")
    occupation_id = fields.Many2one(
        "qnetz.occupation", string="Training Occupation", index=True, ondelete="restrict",
        track_visibility="onchange")
    participant_count = fields.Integer(
        string="Participants", default=1, required=True, track_visibility="onchange")
    preferred_place = fields.Selection(
        PLACES, default="either", required=True, track_visibility="onchange")
    preferred_time = fields.Selection(
        TIMES, default="any", required=True, track_visibility="onchange")
    wanted_start = fields.Date(track_visibility="onchange")
    urgency = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")],
        default="1", required=True, index=True, track_visibility="onchange")
    description = fields.Text(string="Notes", track_visibility="onchange")
    # "State" alone takes the translation of the country state ("Bundesland")
    state = fields.Selection(
        STATES, string="Status", default="new", required=True, index=True, copy=False,
        track_visibility="onchange", group_expand="_expand_states")
    qualified_date = fields.Date(string="Qualified on", copy=False, readonly=True)
    withdraw_reason = fields.Text(
        string="Reason for Withdrawal", copy=False, track_visibility="onchange")
    user_id = fields.Many2one(
        "res.users", string="Coordinator", default=lambda self: self.env.user,
        track_visibility="onchange")
    company_id = fields.Many2one(
        "res.company", string="Company", required=True,
        default=lambda self: self.env["res.company"]._company_default_get("qnetz.need"))

    def _expand_states(self, states, domain, order):
        # The kanban shows the whole workflow, also the stages that are empty right now.
        return [key for key, _label in STATES]

    @api.depends("partner_id.district_id", "partner_id.employer_id.district_id")
    def _compute_district_id(self):
        for need in self:
            partner = need.partner_id
            need.district_id = partner.district_id or partner.employer_id.district_id

    @api.constrains("participant_count")
    def _check_participant_count(self):
        for need in self:
            if need.participant_count < 1:
                raise ValidationError(_("Participants: a need concerns at least one participant."))

    @api.constrains("wanted_start", "state")
    def _check_wanted_start(self):
        today = fields.Date.context_today(self)
        for need in self:
            if need.state == "new" and need.wanted_start and need.wanted_start < today:
                raise ValidationError(_(
                    "Wanted Start: a new need cannot start in the past (%s).") % need.wanted_start)

    @api.constrains("apprentice_ids", "partner_id", "participant_count")
    def _check_apprentices(self):
        for need in self:
            foreign = need.apprentice_ids.filtered(
                lambda p: p.employer_id != need.partner_id and p != need.partner_id)
            if foreign:
                raise ValidationError(_(
                    "Apprentices Concerned: %s are not apprentices of %s.")
                    % (", ".join(foreign.mapped("name")), need.partner_id.display_name))
            if len(need.apprentice_ids) > need.participant_count:
                raise ValidationError(_(
                    "Participants: %d apprentices are named, more than the %d participants.")
                    % (len(need.apprentice_ids), need.participant_count))

    def _check_owner_given(self, vals):
        # The database would refuse it too, but with a technical message.
        if "partner_id" in vals and not vals["partner_id"]:
            raise ValidationError(_(
                "Reported by: a need must have an owner, the training company or the young "
                "person."))

    @api.model
    def create(self, vals):
        self._check_owner_given(
            dict({"partner_id": self.env.context.get("default_partner_id")}, **vals))
        if vals.get("name", _("New")) == _("New"):
            # The reference is not a secret: whoever may create a need may draw the next number.
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("qnetz.need") or _("New")
        return super(QnetzNeed, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_owner_given(vals)
        if "state" in vals:
            self._check_transition(vals["state"])
            if vals["state"] == "qualified":
                vals.setdefault("qualified_date", fields.Date.context_today(self))
        return super(QnetzNeed, self).write(vals)

    def _check_transition(self, new_state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for need in self:
            if need.state != new_state and new_state not in TRANSITIONS[need.state]:
                raise UserError(_("%s cannot go from '%s' to '%s'.") % (
                    need.name, labels[need.state], labels[new_state]))

    @api.multi
    def action_qualify(self):
        self.write({"state": "qualified"})
        return True

    @api.multi
    def action_mark_served(self):
        self.write({"state": "served"})
        return True

    @api.multi
    def action_close(self):
        self.write({"state": "closed"})
        return True

    @api.multi
    def action_reset_to_new(self):
        self.write({"state": "new"})
        return True

    @api.multi
    def action_withdraw(self, reason=None):
        values = {"state": "withdrawn"}
        if reason:
            values["withdraw_reason"] = reason
        self.write(values)
        return True
