from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qnetz_base.tools import (
    has_control_characters, outside_env, post_note, to_int)

# What a company may fill in about its apprentices; the rest is the coordinator's.
APPRENTICE_FIELDS = ("name", "email", "occupation_id", "training_year", "vocational_school_id")
CONSENT_FIELDS = ("consent", "consent_given_by", "consent_purpose")
MAX_TEXT_LENGTH = {"name": 120, "email": 120, "consent_given_by": 120, "consent_purpose": 2000}


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _qnetz_portal_roles(self):
        """Which parts of the portal the partner's organisation may use.

        The role always comes from the commercial partner, so every contact of a
        company works for the company, never for itself."""
        self.ensure_one()
        company = self.commercial_partner_id
        roles = set()
        if company.is_training_company:
            roles.add("company")
        if company._qnetz_is_provider():
            roles.add("provider")
        return roles

    @api.model
    def _qnetz_portal_organisation(self, role):
        """The organisation the calling portal user acts for in `role` ("company" or
        "provider"); AccessError for anybody else, internal users included: the portal
        actions are the companies' and providers' own, the coordinator works in the
        backend."""
        user = self.env.user
        if not user.share or user._is_public() or role not in user.partner_id._qnetz_portal_roles():
            raise AccessError(_("This action is only open to the portal users of a training "
                                "company or an education provider."))
        return user.commercial_partner_id

    @api.model
    def _qnetz_default_coordinator(self, company):
        """The coordinator who looks after a company: its salesperson when that is
        a coordinator, otherwise the first coordinator (the superuser only as the last resort)."""
        return self.env["res.users"]._qnetz_first_coordinator(company.sudo().user_id)

    # ------------------------------------------------------------------ apprentices

    @api.model
    def _qnetz_check_apprentice_values(self, data, with_consent):
        """Check what a company sent about an apprentice. Returns (values, errors)."""
        allowed = APPRENTICE_FIELDS + (CONSENT_FIELDS if with_consent else ())
        errors = {}
        if not isinstance(data, dict):
            return {}, {"form": _("Please send the apprentice's fields as a dictionary.")}
        unknown = set(data) - set(allowed)
        if unknown:
            errors["form"] = _("These fields cannot be sent for an apprentice: %s") % ", ".join(
                sorted(str(key) for key in unknown))
        text = {}
        for key in ("name", "email", "consent_given_by", "consent_purpose"):
            value = data.get(key)
            value = value.strip() if isinstance(value, str) else ("" if not value else None)
            if value is None or has_control_characters(value) \
                    or len(value) > MAX_TEXT_LENGTH[key]:
                errors[key] = _("%s: please enter plain text of at most %d characters.") % (
                    self._qnetz_apprentice_label(key), MAX_TEXT_LENGTH[key])
                value = ""
            text[key] = value
        values = {"name": text["name"], "email": text["email"] or False}
        if not text["name"] and "name" not in errors:
            errors["name"] = _("Name: please enter the apprentice's name.")
        if text["email"] and not tools.single_email_re.match(text["email"]):
            errors["email"] = _("Email: please enter a valid email address.")
        occupation = self.env["qnetz.occupation"]
        if data.get("occupation_id"):
            occupation = occupation.sudo().search([("id", "=", to_int(data["occupation_id"]))])
            if not occupation:
                errors["occupation_id"] = _("Training Occupation: unknown occupation.")
        values["occupation_id"] = occupation.id or False
        year = data.get("training_year") or False
        if year and year not in dict(self._fields["training_year"]._description_selection(
                self.env)):
            errors["training_year"] = _(
                "Training Year: please choose one of the offered values.")
        values["training_year"] = year if "training_year" not in errors else False
        school = self.browse()
        if data.get("vocational_school_id"):
            # schools are other organisations; the domain keeps it to schools
            school = self.sudo().search([("id", "=", to_int(data["vocational_school_id"])),
                                         ("is_vocational_school", "=", True)])
            if not school:
                errors["vocational_school_id"] = _("Vocational School: unknown school.")
        values["vocational_school_id"] = school.id or False
        if with_consent:
            if data.get("consent") not in (True, "1", "on", "yes"):
                errors["consent"] = _("Consent: the apprentice's consent to the processing "
                                      "of their data is needed.")
            if not text["consent_given_by"] and "consent_given_by" not in errors:
                errors["consent_given_by"] = _(
                    "Consent given by: please name who gave the consent.")
            if not text["consent_purpose"] and "consent_purpose" not in errors:
                errors["consent_purpose"] = _(
                    "Purpose of the consent: please describe the purpose.")
            values["consent_given_by"] = text["consent_given_by"]
            values["consent_purpose"] = text["consent_purpose"]
        return values, errors

    def _qnetz_apprentice_label(self, key):
        labels = {
            "name": _("Name"), "email": _("Email"), "consent_given_by": _("Consent given by"),
            "consent_purpose": _("Purpose of the consent"),
        }
        return labels[key]

    @api.model
    def qnetz_portal_add_apprentice(self, values):
        """A company registers one of its apprentices, with the consent it recorded.
        Returns the apprentice's id."""
        company = self._qnetz_portal_organisation("company")
        vals, errors = self._qnetz_check_apprentice_values(values, with_consent=True)
        if errors:
            raise ValidationError("\n".join(errors.values()))
        consent = {
            "consent_date": fields.Date.context_today(self),
            "consent_given_by": vals.pop("consent_given_by"),
            "consent_purpose": vals.pop("consent_purpose"),
        }
        vals.update({"is_company": False, "is_apprentice": True, "employer_id": company.id,
                     "customer": False, "lang": self.env.user.lang})
        user = self.env.user
        apprentice = self.with_env(outside_env(self.env)).create(vals)
        Profile = self.env["qnetz.target.profile"].with_env(outside_env(self.env))
        consent["partner_id"] = apprentice.id
        Profile.create(consent)
        post_note(apprentice, user.partner_id, _(
            "Consent recorded in the portal by %s on %s: given by %s for: %s") % (
            user.name, consent["consent_date"], consent["consent_given_by"],
            consent["consent_purpose"]))
        return apprentice.id

    @api.multi
    def qnetz_portal_update_apprentice(self, values):
        """A company corrects what it entered about one of its apprentices."""
        apprentice = self._qnetz_portal_own_apprentice()
        vals, errors = self._qnetz_check_apprentice_values(values, with_consent=False)
        if errors:
            raise ValidationError("\n".join(errors.values()))
        user = self.env.user
        apprentice = apprentice.with_env(outside_env(self.env))
        apprentice.write(vals)
        post_note(apprentice, user.partner_id, _("Changed in the portal by %s.") % user.name)
        return True

    @api.multi
    def qnetz_portal_remove_apprentice(self):
        """A company removes an apprentice it registered by mistake or who left, as long as
        the apprentice was never in a course: the record is archived, not deleted."""
        apprentice = self._qnetz_portal_own_apprentice()
        registrations = self.env["event.registration"].sudo().search_count([
            ("apprentice_id", "=", apprentice.id), ("state", "!=", "cancel")])
        if registrations:
            raise UserError(_("Apprentice: %s takes part in a course and cannot be removed; "
                              "please contact the coordinator.") % apprentice.name)
        user = self.env.user
        apprentice = apprentice.with_env(outside_env(self.env))
        post_note(apprentice, user.partner_id, _("Removed in the portal by %s.") % user.name)
        apprentice.write({"active": False})
        return True

    @api.multi
    def _qnetz_portal_own_apprentice(self):
        company = self._qnetz_portal_organisation("company")
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one of your apprentices."))
        own = self.search([("id", "=", self.id), ("is_apprentice", "=", True),
                           ("employer_id", "=", company.id)])
        if not own:
            raise AccessError(_("This apprentice does not belong to your company."))
        return own
