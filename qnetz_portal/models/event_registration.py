import base64

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.qnetz_base.tools import outside_env, post_note
from odoo.addons.qnetz_courses.spine.models.event_registration import ACTIVE_STATES

# What a company may still cancel itself, before the course begins.
CANCELLABLE_STATES = ("draft", "open", "waiting")


class EventRegistration(models.Model):
    _inherit = "event.registration"

    @api.model
    def _qnetz_company_domain(self, company):
        return [("is_qnetz_course", "=", True), "|",
                ("paying_partner_id", "=", company.id),
                ("apprentice_id.employer_id", "=", company.id)]

    @api.model
    def _qnetz_certificate_domain(self, company):
        return self._qnetz_company_domain(company) + [
            ("state", "in", ACTIVE_STATES), ("certificate_eligible", "=", True),
            ("event_id.state", "=", "done")]

    @api.multi
    def _qnetz_portal_cancellable(self):
        self.ensure_one()
        return self.state in CANCELLABLE_STATES and not self.event_id._qnetz_has_started()

    @api.multi
    def _qnetz_portal_own(self, extra_domain=None):
        company = self.env["res.partner"]._qnetz_portal_organisation("company")
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one registration."))
        own = self.search([("id", "=", self.id)] + self._qnetz_company_domain(company)
                          + (extra_domain or []))
        if not own:
            raise AccessError(_("This registration does not belong to your company."))
        return own

    @api.multi
    def qnetz_portal_cancel(self):
        """A company cancels a registration before the course begins."""
        registration = self._qnetz_portal_own()
        if not registration._qnetz_portal_cancellable():
            raise UserError(_(
                "Registration: %s can no longer be cancelled in the portal, the course has "
                "started or the registration is closed.") % registration.name)
        user = self.env.user
        registration = registration.with_env(outside_env(self.env))
        registration.action_cancel_registration()
        post_note(registration, user.partner_id, _("Cancelled in the portal by %s.") % user.name)
        return True

    @api.multi
    def qnetz_portal_certificate(self):
        """The certificate of participation of a company's apprentice, as a base64 PDF."""
        company = self.env["res.partner"]._qnetz_portal_organisation("company")
        registration = self._qnetz_portal_own(self._qnetz_certificate_domain(company))
        report = self.env.ref("qnetz_courses.action_report_qnetz_certificate",
                              raise_if_not_found=False)
        if not report:
            raise UserError(_("The certificate cannot be printed right now."))
        # the report reads the course, provider and sessions; ownership checked above
        pdf = report.with_env(outside_env(self.env)).render_qweb_pdf([registration.id])[0]
        return base64.b64encode(pdf).decode("ascii")
