from psycopg2 import sql

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from ..tools import like_escape

# Below this head count a company counts as small or medium-sized (EU definition).
SME_EMPLOYEE_LIMIT = 250
# Who delivers courses: education providers and the vocational schools (BBS Holzminden,
# Berufskolleg Höxter). The one definition, for field domains and searches;
# res.partner._qnetz_is_provider is the same rule for a record in hand.
PROVIDER_DOMAIN = ["|", ("is_education_provider", "=", True), ("is_vocational_school", "=", True)]


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
    district_id = fields.Many2one(
        "qnetz.district", string="District", index=True, ondelete="restrict")
    federal_state_id = fields.Many2one(
        "res.country.state", string="Federal State",
        related="district_id.state_id", store=True, readonly=True)
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
    apprentice_count = fields.Integer(
        compute="_compute_apprentice_count", string="Number of Apprentices")

    # Apprentice data (not sensitive; the target-group markers live elsewhere)
    employer_id = fields.Many2one(
        "res.partner", string="Training Company", index=True, ondelete="restrict",
        domain=[("is_training_company", "=", True)])
    occupation_id = fields.Many2one(
        "qnetz.occupation", string="Training Occupation", ondelete="restrict")
    training_year = fields.Selection(
        [("0", "Before training"), ("1", "1st year"), ("2", "2nd year"),
         ("3", "3rd year"), ("4", "4th year")])
    vocational_school_id = fields.Many2one(
        "res.partner", string="Vocational School", ondelete="restrict",
        domain=[("is_vocational_school", "=", True)])

    # Network activity, for the smart buttons (network users only: portal users must not
    # reach the needs through their own partner record).
    need_ids = fields.One2many(
        "qnetz.need", "partner_id", string="Training Needs", groups="qnetz_base.group_qnetz_user")
    need_count = fields.Integer(
        compute="_compute_need_count", string="Number of Needs",
        groups="qnetz_base.group_qnetz_user")

    # Sensitive data: the target-group profile and the retention of the person's data.
    target_profile_ids = fields.One2many(
        "qnetz.target.profile", "partner_id", string="Target-Group Profile",
        groups="qnetz_base.group_qnetz_coordinator")
    target_profile_count = fields.Integer(
        compute="_compute_target_profile_count", string="Target-Group Profiles",
        groups="qnetz_base.group_qnetz_coordinator")
    anonymise_after = fields.Date(
        groups="qnetz_base.group_qnetz_coordinator",
        help="End of retention: from this day on the person's data is anonymised automatically.")
    anonymised = fields.Boolean(
        readonly=True, copy=False, groups="qnetz_base.group_qnetz_user")
    anonymised_date = fields.Date(
        string="Anonymised on", readonly=True, copy=False, groups="qnetz_base.group_qnetz_user")

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
                    "so %s cannot be its apprentice.")
                    % (partner.employer_id.display_name, partner.name))

    @api.constrains("is_training_company")
    def _check_still_employs_apprentices(self):
        former = self.filtered(lambda p: not p.is_training_company)
        if not former:
            return
        employing = self.with_context(active_test=False).search(
            [("employer_id", "in", former.ids)]).mapped("employer_id")
        if employing:
            raise ValidationError(_(
                "Training Company: %s still has apprentices; link them to another "
                "training company first.") % ", ".join(employing.mapped("display_name")))

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

    def _compute_need_count(self):
        counts = {}
        if self.ids:
            groups = self.env["qnetz.need"].read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"])
            counts = {g["partner_id"][0]: g["partner_id_count"] for g in groups}
        for partner in self:
            partner.need_count = counts.get(partner.id, 0)

    def _compute_target_profile_count(self):
        counts = {}
        if self.ids:
            groups = self.env["qnetz.target.profile"].read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"])
            counts = {g["partner_id"][0]: g["partner_id_count"] for g in groups}
        for partner in self:
            partner.target_profile_count = counts.get(partner.id, 0)

    @api.multi
    def action_view_needs(self):
        self.ensure_one()
        action = self.env.ref("qnetz_base.qnetz_need_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.multi
    def action_view_apprentices(self):
        self.ensure_one()
        action = self.env.ref("qnetz_base.res_partner_action_apprentices").read()[0]
        action["domain"] = [("is_apprentice", "=", True), ("employer_id", "=", self.id)]
        action["context"] = {"default_is_apprentice": True, "default_employer_id": self.id,
                             "default_company_type": "person"}
        return action

    @api.multi
    def action_view_target_profile(self):
        self.ensure_one()
        action = self.env.ref("qnetz_base.qnetz_target_profile_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        if len(self.target_profile_ids) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = self.target_profile_ids.id
        return action

    def _anonymised_name(self):
        return _("Anonymised")

    @api.multi
    def action_qnetz_anonymise(self):
        """Remove the identity of people on request or at the end of retention.

        The partner record itself stays (archived) so that needs, registrations and
        invoices keep their links and remain countable; the target-group profile is
        detached and keeps only its markers and non-identifying context."""
        if not (self.env.uid == SUPERUSER_ID
                or self.env.user.has_group("qnetz_base.group_qnetz_coordinator")):
            raise AccessError(_("Only the coordination group may anonymise personal data."))
        companies = self.filtered("is_company")
        if companies:
            raise UserError(_(
                "Anonymise: %s is an organisation, only people can be anonymised.")
                % ", ".join(companies.mapped("name")))
        partners = self.sudo().with_context(active_test=False, tracking_disable=True)
        lang = self.env.context.get("lang") or self.env.user.lang
        partners._qnetz_scrub_identity(self.with_context(lang=lang)._anonymised_name())
        partners.mapped("target_profile_ids")._anonymise()
        # Logins of the person would still identify them.
        for user in partners.mapped("user_ids"):
            user.write({"active": False, "login": "anonymised-%d" % user.id})
        partners.mapped("bank_ids").unlink()
        partners.mapped("message_ids").unlink()
        partners.mapped("activity_ids").unlink()
        partners.write({
            "name": self.with_context(lang=lang)._anonymised_name(),
            "email": False, "phone": False, "mobile": False, "website": False,
            "street": False, "street2": False, "zip": False, "city": False,
            "comment": False, "function": False, "title": False, "vat": False, "ref": False,
            "image": False,
            "anonymise_after": False,
            "active": False,
            "anonymised": True,
            "anonymised_date": fields.Date.context_today(self),
        })
        return True

    @api.multi
    def _qnetz_scrub_identity(self, replacement):
        """Replace the people's names wherever the network wrote them down besides their
        own record: the chatter of other records and its tracked values, the mails still
        in the queue, the to-dos. Addons that copy a name elsewhere (registrations,
        invoice lines, journal items) extend this."""
        names = self._qnetz_scrubbable_names()
        self._qnetz_drop_queued_mails()
        Scrub = self._qnetz_scrub_columns
        Scrub("mail_message", ("body",), names, replacement, html=True)
        Scrub("mail_message", ("subject", "record_name", "email_from", "reply_to"), names,
              replacement)
        Scrub("mail_tracking_value", ("old_value_char", "new_value_char", "old_value_text",
                                      "new_value_text"), names, replacement)
        Scrub("mail_mail", ("body_html",), names, replacement, html=True)
        Scrub("mail_mail", ("email_to", "email_cc"), names, replacement)
        Scrub("mail_activity", ("note",), names, replacement, html=True)
        Scrub("mail_activity", ("summary", "res_name"), names, replacement)
        for model in ("mail.message", "mail.tracking.value", "mail.mail", "mail.activity"):
            self.env[model].invalidate_cache()

    @api.multi
    def _qnetz_drop_queued_mails(self):
        """Mails not yet sent to the people go: their addresses are being removed, and a
        mail sent afterwards would carry their data out after all."""
        emails = sorted({partner.email.strip().lower() for partner in self
                         if partner.email and "@" in partner.email})
        address_domain = [("recipient_ids", "in", self.ids)]
        for email in emails:
            address_domain = ["|", "|"] + address_domain + [
                ("email_to", "ilike", email), ("email_cc", "ilike", email)]
        queued = self.env["mail.mail"].sudo().search(
            [("state", "in", ("outgoing", "exception"))] + address_domain)
        queued.unlink()

    @api.model
    def _qnetz_scrub_columns(self, table, columns, texts, replacement, html=False):
        """Replace each of `texts` by `replacement` in the text `columns` of `table` (in
        HTML columns also as HTML-escaped text); raw SQL, so that nothing is tracked,
        recomputed or sent on the way. `table` and `columns` are the code's own names."""
        variants = [(text, replacement) for text in texts]
        if html:
            variants += [(html_escape(text), html_escape(replacement)) for text in texts
                         if html_escape(text) != text]
        for text, new in variants:
            query = sql.SQL("UPDATE {table} SET {sets} WHERE {where}").format(
                table=sql.Identifier(table),
                sets=sql.SQL(", ").join(
                    sql.SQL("{column} = replace({column}, %s, %s)").format(
                        column=sql.Identifier(column)) for column in columns),
                where=sql.SQL(" OR ").join(
                    sql.SQL("{column} LIKE %s").format(column=sql.Identifier(column))
                    for column in columns))
            pattern = "%" + like_escape(text) + "%"
            self.env.cr.execute(query, [text, new] * len(columns) + [pattern] * len(columns))

    @api.multi
    def _qnetz_scrubbable_names(self):
        # Very short names would scrub unrelated words; such names identify nobody anyway.
        return sorted({partner.name.strip() for partner in self
                       if partner.name and len(partner.name.strip()) >= 4},
                      key=len, reverse=True)

    @api.model
    def _cron_qnetz_anonymise_expired(self):
        today = fields.Date.context_today(self)
        expired = self.sudo().with_context(active_test=False).search([
            ("anonymise_after", "!=", False), ("anonymise_after", "<=", today),
            ("anonymised", "=", False), ("is_company", "=", False)])
        if expired:
            expired.action_qnetz_anonymise()
        return len(expired)

    @api.multi
    def _qnetz_is_provider(self):
        """Whether the partner, or the organisation it belongs to, delivers courses
        (PROVIDER_DOMAIN for a record in hand)."""
        self.ensure_one()
        return any(partner.is_education_provider or partner.is_vocational_school
                   for partner in self | self.commercial_partner_id)
