from odoo import _, api, models
from odoo.exceptions import UserError


class ReportQnetzCertificate(models.AbstractModel):
    """Certificate of participation; only for those who attended enough."""

    _name = "report.qnetz_courses.report_certificate"
    _description = "Certificate of Participation"

    @api.model
    def get_report_values(self, docids, data=None):
        registrations = self.env["event.registration"].browse(docids)
        missing = registrations.filtered(lambda r: not r.certificate_eligible)
        if missing:
            raise UserError(_(
                "Certificate: %s did not attend enough of the course for a certificate "
                "of participation.") % ", ".join(missing.mapped("name")))
        # Who printed whose certificate goes into the audit trail of the person, so that
        # it is deleted with the person's other logs when they are anonymised.
        Log = self.env["auditlog.log"]
        Log._qnetz_log(registrations.mapped("partner_id"), "print certificate")
        Log._qnetz_log(registrations.filtered(lambda r: not r.partner_id), "print certificate")
        certificates = self.env["qnetz.certificate"]._qnetz_issue(registrations)
        return {
            "doc_ids": docids,
            "doc_model": "event.registration",
            "docs": registrations,
            "certificates": {c.registration_id.id: c for c in certificates},
            "check_url": self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
            + "/zertifikat/pruefen",
        }
