import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...spine.course_time import COURSE_TZ_NAME, format_date


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
        tz = pytz.timezone(course.date_tz or COURSE_TZ_NAME)

        def day(value):
            stamp = pytz.utc.localize(fields.Datetime.from_string(value))
            return format_date(stamp.astimezone(tz))
        begin, end = day(course.date_begin), day(course.date_end)
        return begin if begin == end else "%s – %s" % (begin, end)

    @api.multi
    def _qnetz_is_education_exempt(self):
        """Whether a line carries the network's VAT exemption for education (§ 4 Nr. 21
        UStG): the invoice must then name the exemption."""
        self.ensure_one()
        exempt = self.env.ref("qnetz_courses.tax_exempt_education_sale", raise_if_not_found=False)
        return bool(exempt) and exempt in self.invoice_line_ids.mapped("invoice_line_tax_ids")

    # --- Before validating: what a payer needs (§ 14 Abs. 4 UStG, and where to pay) ------

    @api.multi
    def _qnetz_completeness_problems(self):
        """What an invoice to a customer lacks before it may go out, as sentences."""
        self.ensure_one()
        problems = []
        company = self.company_id
        sender = company.partner_id
        if not (sender.street and sender.zip and sender.city):
            problems.append(_("the sender's address (street, postcode and town of %s; "
                              "Settings › Companies)") % company.name)
        banks = sender.bank_ids.filtered(lambda bank: bank.acc_number and bank.bank_id.bic)
        if not banks:
            problems.append(_("a bank account of %s with IBAN and BIC, to pay to "
                              "(Settings › Companies › Bank Accounts)") % company.name)
        if not (company.tax_number or company.vat):
            problems.append(_("the tax number or VAT ID of %s (Settings › Companies)")
                            % company.name)
        if self.type == "out_invoice":
            day = self.date_invoice or fields.Date.context_today(self)
            due = day
            if self.payment_term_id:
                # compute() is @api.one: one list of (date, amount) for the one term
                terms = self.payment_term_id.with_context(currency_id=self.currency_id.id) \
                    .compute(1.0, date_ref=day)[0]
                due = max(term[0] for term in terms) if terms else day
            elif self.date_due:
                due = self.date_due
            if due <= day:
                problems.append(_("a payment term with a due date after the invoice date "
                                  "(Payment Terms on the invoice or the company)"))
        return problems

    @api.multi
    def action_invoice_open(self):
        missing = []
        for invoice in self.filtered(lambda i: i.state == "draft"
                                     and i.type in ("out_invoice", "out_refund")):
            problems = invoice._qnetz_completeness_problems()
            if problems:
                missing.append(_("%s to %s lacks %s.") % (
                    invoice.name or invoice.origin or _("The invoice"),
                    invoice.partner_id.name, "; ".join(problems)))
        if missing:
            raise UserError(_("Invoice incomplete, not validated: %s")
                            % " ".join(missing))
        return super(AccountInvoice, self).action_invoice_open()
