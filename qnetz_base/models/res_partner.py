from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Below this head count a company counts as small or medium-sized (EU definition).
SME_EMPLOYEE_LIMIT = 250


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Roles in the network; a partner may hold several at once
    # (a vocational school is often also an education provider).
    is_training_company = fields.Boolean(string="Training Company", index=True)
    is_education_provider = fields.Boolean(string="Education Provider", index=True)
    is_vocational_school = fields.Boolean(string="Vocational School", index=True)
    is_support_institution = fields.Boolean(string="Support Institution", index=True)
    is_apprentice = fields.Boolean(string="Apprentice / Young Person", index=True)
    support_institution_type = fields.Selection(
        [("agency", "Employment agency"),
         ("jobcentre", "Job centre"),
         ("chamber", "Chamber"),
         ("integration", "Integration moderation"),
         ("bamf", "BAMF"),
         ("district", "District administration"),
         ("school", "Vocational school"),
         ("other", "Other")],
        string="Kind of Institution")

    # Company data
    qnetz_district_id = fields.Many2one(
        "qnetz.district", string="District", index=True, ondelete="restrict")
    qnetz_federal_state_id = fields.Many2one(
        "res.country.state", string="Federal State",
        related="qnetz_district_id.state_id", store=True, readonly=True)
    employee_count = fields.Integer(string="Employees")
    is_sme = fields.Boolean(
        string="SME", compute="_compute_is_sme", store=True,
        help="Small or medium-sized enterprise: fewer than %d employees." % SME_EMPLOYEE_LIMIT)
    offered_occupation_ids = fields.Many2many(
        "qnetz.occupation", "res_partner_qnetz_occupation_rel", "partner_id", "occupation_id",
        string="Training Occupations Offered")
    training_contact_id = fields.Many2one(
        "res.partner", string="Training Contact Person",
        domain="[('parent_id', '=', id), ('is_company', '=', False)]",
        help="Who the coordinator speaks to about apprentices and needs.")
    apprentice_ids = fields.One2many(
        "res.partner", "employer_id", string="Apprentices",
        domain=[("is_apprentice", "=", True)])
    apprentice_count = fields.Integer(compute="_compute_apprentice_count", string="Number of Apprentices")

    # Apprentice data (not sensitive; the target-group markers live elsewhere)
    employer_id = fields.Many2one(
        "res.partner", string="Training Company", index=True, ondelete="restrict",
        domain=[("is_training_company", "=", True)])
    occupation_id = fields.Many2one("qnetz.occupation", string="Training Occupation", ondelete="restrict")
    training_year = fields.Selection(
        [("0", "Before training"), ("1", "1st year"), ("2", "2nd year"),
         ("3", "3rd year"), ("4", "4th year")],
        string="Training Year")
    vocational_school_id = fields.Many2one(
        "res.partner", string="Vocational School", ondelete="restrict",
        domain=[("is_vocational_school", "=", True)])

    @api.depends("employee_count")
    def _compute_is_sme(self):
        for partner in self:
            partner.is_sme = 0 < partner.employee_count < SME_EMPLOYEE_LIMIT

    @api.depends("apprentice_ids")
    def _compute_apprentice_count(self):
        counts = {}
        if self.ids:
            groups = self.env["res.partner"].read_group(
                [("employer_id", "in", self.ids), ("is_apprentice", "=", True)],
                ["employer_id"], ["employer_id"])
            counts = {g["employer_id"][0]: g["employer_id_count"] for g in groups}
        for partner in self:
            partner.apprentice_count = counts.get(partner.id, 0)

    @api.constrains("employer_id")
    def _check_employer_is_training_company(self):
        for partner in self.filtered("employer_id"):
            if not partner.employer_id.is_training_company:
                raise ValidationError(_(
                    "Training Company: %s is not marked as a training company, "
                    "so %s cannot be its apprentice.") % (partner.employer_id.display_name, partner.name))

    @api.constrains("vocational_school_id")
    def _check_vocational_school(self):
        for partner in self.filtered("vocational_school_id"):
            if not partner.vocational_school_id.is_vocational_school:
                raise ValidationError(_(
                    "Vocational School: %s is not marked as a vocational school.")
                    % partner.vocational_school_id.display_name)

    @api.constrains("employee_count")
    def _check_employee_count(self):
        if any(partner.employee_count < 0 for partner in self):
            raise ValidationError(_("Employees: the number of employees cannot be negative."))
