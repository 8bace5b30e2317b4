import pytz

from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    course_id = fields.Many2one(
        "event.event", string="Course", index=True, ondelete="restrict", copy=False,
        readonly=True, domain=[("is_qnetz_course", "=", True)],
        help="The network course this invoice or vendor bill belongs to.")
    is_provider_bill = fields.Boolean(
        string="Provider Bill", readonly=True, copy=False,
        help="The vendor bill for the provider's agreed course fee.")
    registration_ids = fields.Many2many(
        "event.registration", compute="_compute_registration_ids",
        string="Registrations")

    @api.depends("invoice_line_ids.registration_id")
    def _compute_registration_ids(self):
        for invoice in self:
            invoice.registration_ids = invoice.invoice_line_ids.mapped(
                "registration_id")

    @api.model_cr
    def init(self):
        # at most one live provider bill per course, even with concurrent billing runs
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_invoice_qnetz_provider_bill_uniq
                ON account_invoice (course_id)
             WHERE is_provider_bill AND state != 'cancel'
        """)

    @api.multi
    def refund(self, date_invoice=None, date=None, description=None, journal_id=None):
        # a credit note made by hand still belongs to the course
        refunds = super(AccountInvoice, self).refund(
            date_invoice=date_invoice, date=date, description=description, journal_id=journal_id)
        for invoice, refund_invoice in zip(self, refunds):
            if invoice.course_id:
                refund_invoice.course_id = invoice.course_id
        return refunds

    @api.model
    def _refund_cleanup_lines(self, lines):
        # a credit note by hand credits the registration; it must not bill it again
        result = super(AccountInvoice, self)._refund_cleanup_lines(lines)
        for command in result:
            values = command[2]
            if values.get("line_kind") == "invoice":
                values["line_kind"] = "refund"
            elif values.get("line_kind"):
                values.pop("registration_id", None)
                values.pop("line_kind", None)
        return result

    # --- What the printed invoice states (§ 14 Abs. 4 UStG) -------------------------

    @api.multi
    def _qnetz_service_period(self):
        """The course dates as the period of service, 'dd.mm.yyyy – dd.mm.yyyy', or ''."""
        self.ensure_one()
        course = self.course_id
        if not course:
            return ""
        tz = pytz.timezone(course.date_tz or "Europe/Berlin")

        def day(value):
            stamp = pytz.utc.localize(fields.Datetime.from_string(value))
            return stamp.astimezone(tz).strftime("%d.%m.%Y")
        begin, end = day(course.date_begin), day(course.date_end)
        return begin if begin == end else "%s – %s" % (begin, end)

    @api.multi
    def _qnetz_is_education_exempt(self):
        """Whether a line carries the network's VAT exemption for education (§ 4 Nr. 21
        UStG): the invoice must then name the exemption."""
        self.ensure_one()
        exempt = self.env.ref("qnetz_courses.tax_exempt_education_sale", raise_if_not_found=False)
        return bool(exempt) and exempt in self.invoice_line_ids.mapped("invoice_line_tax_ids")

    # --- Sending ---------------------------------------------------------------

    @api.multi
    def _qnetz_send_by_mail(self):
        """Mail each validated invoice to its company with Odoo's invoice template (PDF
        attached) and mark it sent, as "Send by Email" on the invoice does. Returns the
        invoices that could not be sent because the company has no email address."""
        template = self.env.ref("account.email_template_edi_invoice")
        unsent = self.filtered(lambda i: not i.partner_id.email)
        # one composer per invoice: Odoo marks an invoice sent only in single-record
        # mode, and the mail (with its PDF) is rendered per invoice anyway
        for invoice in self - unsent:
            invoice.with_context(
                mark_invoice_as_sent=True, force_email=True,
                custom_layout="account.mail_template_data_notification_email_account_invoice",
            ).message_post_with_template(
                template.id, composition_mode="comment", message_type="comment")
        return unsent
