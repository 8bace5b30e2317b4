import re
import secrets

from psycopg2.extras import execute_values

from odoo import _, api, fields, models

NUMBER_PATTERN = re.compile(r"^[A-Z0-9-]{1,40}$")

# The verification code printed beside the number: what only the holder of the paper has.
# No letters or digits that look alike on paper (0/O, 1/I/L, 5/S, 2/Z, 8/B); 8 characters
# of 26 give about 37 bits, which the throttle of the check (10 failures an hour per
# address) puts far out of reach of guessing, and the hyphen makes it easy to type.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
CODE_PATTERN = re.compile(r"^[%s]{%d}$" % (CODE_ALPHABET, CODE_LENGTH))
# The name of the public check in the log of login attempts (its throttle)
CHECK_LOOKUP = "(certificate check)"


def new_verification_code():
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return "%s-%s" % (code[:4], code[4:])


def normalise_code(code):
    """What a person typed as the code: case, spaces and hyphens do not matter."""
    return re.sub(r"[\s-]", "", code or "").upper()


class QnetzCertificate(models.Model):
    """The register of issued certificates of participation (Bescheinigungsregister).

    A certificate gets its number and a random verification code the first time it is
    printed; later prints and downloads are counted on the same line. Whoever holds the
    paper can check number and code on the website: the check confirms what the
    certificate itself shows, and says nothing about a number without its code.
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
    # Filled in create() and, for certificates issued before codes existed, when the
    # addon is updated (_auto_init): a column default would give every existing row the
    # same code.
    verification_code = fields.Char(readonly=True, copy=False,
                                    groups="qnetz_base.group_qnetz_coordinator")
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
        ("verification_code_unique", "unique(verification_code)",
         "A verification code is given only once."),
        ("registration_unique", "unique(registration_id)",
         "A participant has one certificate per course."),
    ]

    @api.model_cr_context
    def _auto_init(self):
        result = super(QnetzCertificate, self)._auto_init()
        self._qnetz_fill_verification_codes()
        return result

    @api.model_cr
    def _qnetz_fill_verification_codes(self):
        # Certificates printed before verification codes existed get theirs here, once
        # (this runs at every update of the addon and then finds nothing left to do).
        # Not Odoo's public init(): that one is callable over RPC.
        self.env.cr.execute(
            "SELECT id FROM qnetz_certificate WHERE verification_code IS NULL")
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            execute_values(
                self.env.cr,
                "UPDATE qnetz_certificate c SET verification_code = v.code "
                "FROM (VALUES %s) AS v(id, code) WHERE c.id = v.id",
                [(certificate_id, new_verification_code()) for certificate_id in ids])

    @api.model
    def create(self, values):
        values = dict(values, verification_code=new_verification_code())
        return super(QnetzCertificate, self).create(values)

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
    def qnetz_public_check(self, number, code=None):
        """What the public check page may say about a certificate number and its code.

        Returns {"status": ..., "number": ...}: "empty" or "invalid" for input that cannot
        be a certificate, "throttled" after too many failures from the client's address,
        "unknown" when number and code do not belong together (whether the number exists
        stays untold), "revoked", or "valid" with what the paper shows and a forger would
        change: the holder's name as printed, the course, its dates and the hours
        attended. The provider, the issue date and anything not on the paper stay out:
        the holder presented the code to confirm the paper, not to disclose more.
        """
        number = (number or "").strip().upper()
        code = normalise_code(code)
        if not number and not code:
            return {"status": "empty", "number": ""}
        if not NUMBER_PATTERN.match(number) or not CODE_PATTERN.match(code):
            return {"status": "invalid", "number": number[:40]}
        Attempt = self.env["res.authentication.attempt"]
        if Attempt._qnetz_lookup_throttled(CHECK_LOOKUP):
            return {"status": "throttled", "number": number}
        certificate = self.sudo().search([
            ("name", "=", number),
            ("verification_code", "=", "%s-%s" % (code[:4], code[4:]))], limit=1)
        if not certificate:
            Attempt._qnetz_lookup_failed(CHECK_LOOKUP)
            return {"status": "unknown", "number": number}
        if certificate.state != "valid":
            return {"status": certificate.state, "number": certificate.name}
        event = certificate.event_id
        return {
            "status": "valid",
            "number": certificate.name,
            # as printed (report_certificate_document)
            "participant": certificate.apprentice_id.name or certificate.registration_id.name,
            "course": event.name,
            "date_begin": event.date_begin_located,
            "date_end": event.date_end_located,
            "hours": certificate.hours,
        }
