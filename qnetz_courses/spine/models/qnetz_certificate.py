import re

from odoo import _, api, fields, models

NUMBER_PATTERN = re.compile(r"^[A-Z0-9-]{1,40}$")


class QnetzCertificate(models.Model):
    """The register of issued certificates of participation (Bescheinigungsregister).

    A certificate gets its number the first time it is printed; later prints and
    downloads are counted on the same line. Anyone can check a number on the website:
    the check tells only what the certificate itself shows.
    """

    _name = "qnetz.certificate"
    _description = "Issued Certificate"
    _inherit = ["mail.thread"]
    _order = "issue_date desc, id desc"

    name = fields.Char(string="Certificate Number", required=True, readonly=True,
                       index=True, copy=False)
    registration_id = fields.Many2one(
        "event.registration", string="Participant", required=True, readonly=True,
        index=True, ondelete="restrict")
    event_id = fields.Many2one(
        "event.event", string="Course", related="registration_id.event_id", store=True,
        readonly=True, index=True)
    apprentice_id = fields.Many2one(
        "res.partner", string="Apprentice", related="registration_id.apprentice_id",
        store=True, readonly=True)
    provider_id = fields.Many2one(
        "res.partner", string="Provider", related="registration_id.event_id.provider_id",
        store=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", related="registration_id.event_id.company_id", store=True,
        readonly=True)
    issue_date = fields.Date(string="Issued on", required=True, readonly=True,
                             default=fields.Date.context_today)
    issued_by_id = fields.Many2one("res.users", string="Issued by", readonly=True)
    hours = fields.Float(string="Hours Attended", readonly=True)
    state = fields.Selection(
        [("valid", "Valid"), ("revoked", "Revoked")], default="valid", required=True,
        readonly=True, track_visibility="onchange", string="Status")
    revoke_reason = fields.Char(string="Reason for Revocation", readonly=True,
                                track_visibility="onchange")
    first_download = fields.Datetime(string="First Downloaded", readonly=True)
    last_download = fields.Datetime(string="Last Downloaded", readonly=True)
    download_count = fields.Integer(string="Downloads", readonly=True, default=0)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A certificate number is given only once."),
        ("registration_unique", "unique(registration_id)",
         "A participant has one certificate per course."),
    ]

    @api.model
    def _qnetz_issue(self, registrations):
        """The certificates of `registrations`, created when first printed; counts the print.

        Runs as superuser: printing (also from the portal) is what issues a certificate.
        """
        Certificate = self.sudo()
        existing = Certificate.search([("registration_id", "in", registrations.ids)])
        by_registration = {c.registration_id.id: c for c in existing}
        now = fields.Datetime.now()
        issuer = self.env.user if not self.env.user.share else False
        result = Certificate
        for registration in registrations:
            certificate = by_registration.get(registration.id)
            if not certificate:
                certificate = Certificate.create({
                    "name": self.env["ir.sequence"].sudo().next_by_code("qnetz.certificate"),
                    "registration_id": registration.id,
                    "issued_by_id": (issuer or registration.event_id.user_id).id,
                    "hours": registration.attended_hours,
                    "first_download": now,
                })
            result |= certificate
        result.write({"last_download": now})
        self.env.cr.execute(
            "UPDATE qnetz_certificate SET download_count = COALESCE(download_count, 0) + 1 "
            "WHERE id IN %s",
            (tuple(result.ids),))
        result.invalidate_cache(["download_count"])
        return result

    @api.multi
    def action_revoke(self):
        for certificate in self:
            if certificate.state == "revoked":
                continue
            certificate.write({"state": "revoked",
                               "revoke_reason": self.env.context.get("revoke_reason")
                               or _("Revoked by %s") % self.env.user.name})
        return True

    @api.model
    def qnetz_public_check(self, number):
        """What the public check page may say about a certificate number.

        Returns {"status": "valid" | "revoked" | "unknown" | "invalid", ...}; only a
        known number adds what the certificate itself shows.
        """
        number = (number or "").strip().upper()
        if not number:
            return {"status": "empty", "number": ""}
        if not NUMBER_PATTERN.match(number):
            return {"status": "invalid", "number": number[:40]}
        certificate = self.sudo().search([("name", "=", number)], limit=1)
        if not certificate:
            return {"status": "unknown", "number": number}
        event = certificate.event_id
        return {
            "status": certificate.state,
            "number": certificate.name,
            "participant": certificate.apprentice_id.name or certificate.registration_id.name,
            "course": event.name,
            "date_begin": event.date_begin_located,
            "date_end": event.date_end_located,
            "hours": certificate.hours,
            "provider": event.provider_id.name or "",
            "issue_date": certificate.issue_date,
        }
