from collections import defaultdict

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round, formatLang

from odoo.addons.qnetz_base.models.qnetz_need import AREAS

from .event_registration import ACTIVE_STATES

FEE_MODELS = [
    ("per_participant", "Price per participant"),
    ("total", "Total course price split across participants"),
]
# pgcodes of "someone else holds/changed these rows": a concurrent billing run.
CONCURRENCY_PGCODES = ("55P03", "40001", "40P01")


def split_cents(total_cents, count):
    """Split an amount in cents into `count` parts that add up exactly to it.

    The first parts get one cent more, so that rounding never loses or adds a cent.
    """
    if count <= 0:
        return []
    base, remainder = divmod(total_cents, count)
    return [base + 1 if index < remainder else base for index in range(count)]


def to_cents(amount):
    return int(float_round(amount * 100, precision_digits=0))


class EventEvent(models.Model):
    _inherit = "event.event"

    is_qnetz_course = fields.Boolean(
        string="Network Course", index=True, copy=True,
        help="A local course of the qualification network, bundled from training needs.")
    qnetz_area = fields.Selection(AREAS, string="Area", index=True, track_visibility="onchange")
    qnetz_occupation_id = fields.Many2one(
        "qnetz.occupation", string="Training Occupation", index=True, ondelete="restrict")
    provider_id = fields.Many2one(
        "res.partner", string="Provider", index=True, ondelete="restrict",
        track_visibility="onchange",
        domain=["|", ("is_education_provider", "=", True), ("is_vocational_school", "=", True)],
        help="The education provider or vocational school that delivers the course.")
    district_id = fields.Many2one(
        "qnetz.district", string="Venue District", index=True, ondelete="restrict",
        track_visibility="onchange",
        help="Where the course takes place: Kreis Höxter or Landkreis Holzminden.")
    session_ids = fields.One2many(
        "qnetz.course.session", "event_id", string="Sessions", copy=True)
    session_count = fields.Integer(compute="_compute_total_hours", string="Number of Sessions")
    total_hours = fields.Float(
        compute="_compute_total_hours", store=True,
        help="Sum of the hours of all sessions.")
    need_ids = fields.One2many("qnetz.need", "course_id", string="Training Needs")
    need_count = fields.Integer(compute="_compute_need_count", string="Number of Needs")
    state = fields.Selection(selection_add=[("running", "Running")])
    seats_waiting = fields.Integer(
        string="On Waiting List", compute="_compute_seats_waiting")
    below_minimum = fields.Boolean(
        compute="_compute_below_minimum",
        help="Fewer confirmed participants than the minimum.")
    min_override = fields.Boolean(
        string="Confirmed below Minimum", readonly=True, copy=False,
        help="The coordinator confirmed the course although it had not reached its minimum.")
    attendance_threshold = fields.Float(
        string="Attendance Needed for Certificate (%)", default=80.0,
        help="Share of the course hours a participant must attend to receive "
             "a certificate of participation.")
    # Fees
    currency_id = fields.Many2one(
        "res.currency", string="Currency", readonly=True,
        default=lambda self: self.env.user.company_id.currency_id)
    fee_model = fields.Selection(
        FEE_MODELS, default="per_participant",
        track_visibility="onchange")
    fee_amount = fields.Monetary(
        string="Fee", track_visibility="onchange",
        help="Price per participant, or the total course price, depending on the fee model.")
    funding_share = fields.Float(
        string="Funding Share (%)", track_visibility="onchange",
        help="Percentage of the fee covered by the funding programme; "
             "the companies pay the rest.")
    # Money that is not the public price is the coordinator's business (field groups hold
    # for RPC reads too): the provider's fee and the course's billing figures.
    provider_fee = fields.Monetary(
        track_visibility="onchange", groups="qnetz_base.group_qnetz_coordinator",
        help="The fee agreed with the provider for the whole course (vendor bill).")
    qnetz_invoice_ids = fields.One2many(
        "account.invoice", "qnetz_course_id", string="Invoices", readonly=True,
        groups="qnetz_base.group_qnetz_coordinator")
    invoice_count = fields.Integer(compute="_compute_billing_amounts", string="Customer Invoices",
                                   groups="qnetz_base.group_qnetz_coordinator")
    provider_bill_count = fields.Integer(compute="_compute_billing_amounts", string="Vendor Bills",
                                         groups="qnetz_base.group_qnetz_coordinator")
    amount_billed = fields.Monetary(
        compute="_compute_billing_amounts", string="Billed",
        groups="qnetz_base.group_qnetz_coordinator",
        help="Customer invoices less credit notes of this course (drafts included).")
    amount_open = fields.Monetary(
        compute="_compute_billing_amounts", string="Open",
        groups="qnetz_base.group_qnetz_coordinator",
        help="What the companies still have to pay (drafts and unpaid invoices).")

    @api.depends("session_ids.duration")
    def _compute_total_hours(self):
        for event in self:
            event.total_hours = sum(event.session_ids.mapped("duration"))
            event.session_count = len(event.session_ids)

    def _compute_need_count(self):
        counts = {}
        if self.ids:
            groups = self.env["qnetz.need"].read_group(
                [("course_id", "in", self.ids)], ["course_id"], ["course_id"])
            counts = {g["course_id"][0]: g["course_id_count"] for g in groups}
        for event in self:
            event.need_count = counts.get(event.id, 0)

    def _compute_seats_waiting(self):
        counts = {}
        if self.ids:
            groups = self.env["event.registration"].read_group(
                [("event_id", "in", self.ids), ("state", "=", "waiting")],
                ["event_id"], ["event_id"])
            counts = {g["event_id"][0]: g["event_id_count"] for g in groups}
        for event in self:
            event.seats_waiting = counts.get(event.id, 0)

    @api.depends("seats_min", "seats_reserved", "seats_used")
    def _compute_below_minimum(self):
        for event in self:
            event.below_minimum = bool(
                event.seats_min and event.seats_reserved + event.seats_used < event.seats_min)

    def _compute_billing_amounts(self):
        totals = defaultdict(lambda: {"billed": 0.0, "open": 0.0, "count": 0, "bills": 0})
        if self.ids:
            groups = self.env["account.invoice"].sudo().read_group(
                [("qnetz_course_id", "in", self.ids), ("state", "!=", "cancel")],
                ["qnetz_course_id", "type", "state", "amount_total_signed", "residual_signed"],
                ["qnetz_course_id", "type", "state"], lazy=False)
            for group in groups:
                values = totals[group["qnetz_course_id"][0]]
                if group["type"] in ("in_invoice", "in_refund"):
                    values["bills"] += group["__count"]
                    continue
                values["count"] += group["__count"]
                values["billed"] += group["amount_total_signed"]
                if group["state"] == "draft":
                    values["open"] += group["amount_total_signed"]
                elif group["state"] == "open":
                    values["open"] += group["residual_signed"]
        for event in self:
            values = totals[event.id]
            event.amount_billed = values["billed"]
            event.amount_open = values["open"]
            event.invoice_count = values["count"]
            event.provider_bill_count = values["bills"]

    @api.constrains("fee_amount", "provider_fee")
    def _check_fees(self):
        for event in self:
            if event.fee_amount < 0:
                raise ValidationError(_("Fee: the fee of %s cannot be below zero.") % event.name)
            if event.provider_fee < 0:
                raise ValidationError(
                    _("Provider Fee: the provider fee of %s cannot be below zero.") % event.name)

    @api.constrains("funding_share")
    def _check_funding_share(self):
        for event in self:
            if not 0 <= event.funding_share <= 100:
                raise ValidationError(_(
                    "Funding Share (%%): %s is not a percentage between 0 and 100.")
                    % event.funding_share)

    @api.constrains("attendance_threshold")
    def _check_attendance_threshold(self):
        for event in self:
            if not 0 <= event.attendance_threshold <= 100:
                raise ValidationError(_(
                    "Attendance Needed for Certificate (%%): %s is not a percentage "
                    "between 0 and 100.") % event.attendance_threshold)

    @api.constrains("provider_id", "is_qnetz_course")
    def _check_provider(self):
        for event in self.filtered("provider_id"):
            provider = event.provider_id.commercial_partner_id
            if not (provider.is_education_provider or provider.is_vocational_school
                    or event.provider_id.is_education_provider
                    or event.provider_id.is_vocational_school):
                raise ValidationError(_(
                    "Provider: %s is neither an education provider nor a vocational school.")
                    % event.provider_id.display_name)

    @api.model
    def create(self, vals):
        if vals.get("is_qnetz_course") and vals.get("seats_max"):
            # a network course always has a real maximum; beyond it, people wait
            vals.setdefault("seats_availability", "limited")
        return super(EventEvent, self).create(vals)

    # Workflow ------------------------------------------------------------

    @api.multi
    def _qnetz_check_coordinator_action(self):
        """The workflow buttons are public methods, callable over RPC by anyone who may
        read a course: they run only for those who may change it."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def button_confirm(self):
        self._qnetz_check_coordinator_action()
        if not self.env.context.get("qnetz_min_override"):
            for event in self.filtered("is_qnetz_course"):
                if event.below_minimum:
                    raise UserError(_(
                        "Minimum Attendees: %s has %d of at least %d participants, so it cannot "
                        "be confirmed. Use 'Confirm below Minimum' to confirm it anyway.") % (
                        event.name, event.seats_reserved + event.seats_used, event.seats_min))
        super(EventEvent, self).button_confirm()
        # Odoo's button_confirm returns None, which XML-RPC clients cannot unmarshal.
        return True

    @api.multi
    def action_confirm_below_minimum(self):
        """Confirm although the minimum is not reached; logged on the course."""
        self._qnetz_check_coordinator_action()
        for event in self:
            event.message_post(body=_(
                "Confirmed below the minimum: %d of %d participants (by %s).") % (
                event.seats_reserved + event.seats_used, event.seats_min, self.env.user.name))
        self.write({"min_override": True})
        return self.with_context(qnetz_min_override=True).button_confirm()

    @api.multi
    def action_start(self):
        self._qnetz_check_coordinator_action()
        for event in self:
            if event.state != "confirm":
                raise UserError(_("Status: only a confirmed course can start (%s).") % event.name)
        self.write({"state": "running"})
        return True

    @api.multi
    def button_done(self):
        self._qnetz_check_coordinator_action()
        super(EventEvent, self).button_done()
        self.mapped("need_ids").filtered(lambda n: n.state == "bundled").action_mark_served()
        return True

    @api.multi
    def button_cancel(self):
        self._qnetz_check_coordinator_action()
        courses = self.filtered("is_qnetz_course")
        result = super(EventEvent, self.with_context(qnetz_no_move_up=True)).button_cancel()
        needs = courses.mapped("need_ids").filtered(lambda n: n.state == "bundled")
        # the needs are open again, so the coordinator can bundle them anew
        needs.write({"state": "qualified", "course_id": False})
        template = self.env.ref("qnetz_courses.mail_template_course_cancelled",
                                raise_if_not_found=False)
        if template:
            for registration in courses.mapped("registration_ids").filtered("email"):
                registration.message_post_with_template(template.id)
        return True if result is None else result

    def _qnetz_move_up_waiting(self):
        """Fill free seats from the waiting list, first come first served."""
        Registration = self.env["event.registration"]
        for event in self.filtered(lambda e: e.state not in ("done", "cancel")):
            free = event.seats_available if event.seats_availability == "limited" \
                and event.seats_max else None
            if free is not None and free <= 0:
                continue
            waiting = Registration.search(
                [("event_id", "=", event.id), ("state", "=", "waiting")],
                order="waiting_since, id", limit=free)
            for registration in waiting:
                registration.write({"state": "open"})
                registration.message_post(body=_("Moved up from the waiting list."))
                registration._qnetz_send_mail("moved_up")

    # Smart buttons ---------------------------------------------------------

    @api.multi
    def action_view_needs(self):
        self.ensure_one()
        return {
            "name": _("Training Needs"),
            "type": "ir.actions.act_window",
            "res_model": "qnetz.need",
            "view_mode": "tree,form",
            "domain": [("course_id", "=", self.id)],
        }

    @api.multi
    def action_view_invoices(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action["domain"] = [("qnetz_course_id", "=", self.id),
                            ("type", "in", ("out_invoice", "out_refund"))]
        action["context"] = {"default_qnetz_course_id": self.id}
        return action

    @api.multi
    def action_view_provider_bills(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree2").read()[0]
        action["domain"] = [("qnetz_course_id", "=", self.id),
                            ("type", "in", ("in_invoice", "in_refund"))]
        action["context"] = {"default_qnetz_course_id": self.id, "type": "in_invoice"}
        return action

    # Billing ---------------------------------------------------------------

    def _qnetz_check_billable(self):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for event in self:
            if not event.is_qnetz_course:
                raise UserError(_("%s is not a network course and is not billed here.")
                                % event.name)
            if not event.provider_id:
                raise UserError(_("Provider: the course %s has no provider, so it cannot be "
                                  "billed.") % event.name)
            if event.state == "draft":
                raise UserError(_("Status: the course %s is still '%s'; confirm it before "
                                  "billing.") % (event.name, labels[event.state]))

    def _qnetz_lock(self, table, ids):
        """Lock rows for the billing run, or refuse if another run holds them."""
        if not ids:
            return
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "SELECT id FROM %s WHERE id IN %%s FOR UPDATE NOWAIT" % table, (tuple(ids),))
        except psycopg2.OperationalError as error:
            if error.pgcode not in CONCURRENCY_PGCODES:
                raise
            raise UserError(_("Another billing run is processing these courses right now. "
                              "Nothing was billed twice; please try again in a moment."))

    def _qnetz_billing_tools(self, inv_type):
        """Journal, product, tax and account used for network course invoices."""
        company = self.env.user.company_id
        journal_type = "sale" if inv_type in ("out_invoice", "out_refund") else "purchase"
        journal = self.env["account.journal"].search(
            [("type", "=", journal_type), ("company_id", "=", company.id)], limit=1)
        if not journal:
            raise UserError(_("Journal: there is no %s journal for %s; install a chart of "
                              "accounts first.") % (journal_type, company.name))
        product = self.env.ref("qnetz_courses.product_course_fee")
        if journal_type == "sale":
            tax = self.env.ref("qnetz_courses.tax_exempt_education_sale",
                               raise_if_not_found=False)
            account = product.property_account_income_id or \
                product.categ_id.property_account_income_categ_id or \
                journal.default_credit_account_id
        else:
            tax = self.env.ref("qnetz_courses.tax_exempt_education_purchase",
                               raise_if_not_found=False)
            account = product.property_account_expense_id or \
                product.categ_id.property_account_expense_categ_id or \
                journal.default_debit_account_id
        if not account:
            raise UserError(_("Account: no income or expense account is set for the course "
                              "fee product or the %s journal.") % journal.name)
        return {"journal": journal, "product": product, "tax": tax, "account": account,
                "company": company}

    def _qnetz_participant_amounts(self, registrations):
        """Gross fee, company share and funding share in cents per registration.

        `registrations` are all active participants of the courses in `self`; a total
        course price is split over them so that the parts add up exactly to the total,
        and so is the companies' part of it.
        """
        result = {}
        by_event = defaultdict(list)
        for registration in registrations.sorted("id"):
            by_event[registration.event_id.id].append(registration.id)
        for event in self:
            reg_ids = by_event.get(event.id, [])
            if not reg_ids:
                continue
            fee_cents = to_cents(event.fee_amount)
            if event.fee_model == "total":
                company_total = to_cents(event.fee_amount * (100.0 - event.funding_share) / 100.0)
                gross_parts = split_cents(fee_cents, len(reg_ids))
                company_parts = split_cents(company_total, len(reg_ids))
            else:
                company_one = to_cents(event.fee_amount * (100.0 - event.funding_share) / 100.0)
                gross_parts = [fee_cents] * len(reg_ids)
                company_parts = [company_one] * len(reg_ids)
            for reg_id, gross, company in zip(reg_ids, gross_parts, company_parts):
                result[reg_id] = (gross, company, gross - company)
        return result

    def _qnetz_invoice_line_vals(self, registration, kind, amounts, tools, label):
        gross, company, funding = amounts
        event = registration.event_id
        currency = event.currency_id or tools["company"].currency_id
        name = _("%s: course fee for %s") % (event.name, label)
        if funding:
            # amounts as the reader's language writes them: 1.200,00 € in German
            name += "\n" + _("Fee %s, of which %s %% (%s) is covered by the funding programme") % (
                formatLang(self.env, gross / 100.0, currency_obj=currency),
                formatLang(self.env, event.funding_share,
                           digits=0 if event.funding_share.is_integer() else 2),
                formatLang(self.env, funding / 100.0, currency_obj=currency))
        return {
            "name": name,
            "product_id": tools["product"].id,
            "account_id": tools["account"].id,
            "quantity": 1.0,
            "price_unit": company / 100.0,
            "invoice_line_tax_ids": [(6, 0, tools["tax"].ids)],
            "qnetz_registration_id": registration.id,
            "qnetz_line_kind": kind,
            "qnetz_gross_amount": gross / 100.0,
            "qnetz_funding_amount": funding / 100.0,
        }

    def _qnetz_invoice_comment(self):
        self.ensure_one()
        if not self.funding_share:
            return False
        return _("%s %% of the course fee are covered by the funding programme; the "
                 "amounts shown are the companies' share. Education services are exempt "
                 "from VAT under §4 Nr. 21 UStG.") % ("%g" % self.funding_share)

    @api.multi
    def _qnetz_bill_registrations(self):
        """Bill the participants of these courses; safe to call any number of times.

        Per course and paying company one customer invoice (a line per participant);
        participants cancelled after billing are credited on a credit note. Registrations
        that already carry an invoice (or credit) line are skipped, the rows are locked
        so that a concurrent run fails cleanly, and a unique index on the billed line
        forbids double billing even so. Returns the invoices and credit notes touched.
        """
        self._qnetz_check_billable()
        Invoice = self.env["account.invoice"]
        if not self:
            return Invoice
        Registration = self.env["event.registration"]
        cr = self.env.cr
        cr.execute("SELECT id FROM event_registration WHERE event_id IN %s "
                   "AND state IN ('open', 'done', 'cancel') ORDER BY id", (tuple(self.ids),))
        reg_ids = [row[0] for row in cr.fetchall()]
        self._qnetz_lock("event_event", self.ids)
        self._qnetz_lock("event_registration", reg_ids)
        if not reg_ids:
            return Invoice
        cr.execute("""
            SELECT l.qnetz_registration_id, l.qnetz_line_kind, l.price_unit,
                   l.qnetz_gross_amount, l.qnetz_funding_amount
              FROM account_invoice_line l
             WHERE l.qnetz_registration_id IN %s
        """, (tuple(reg_ids),))
        billed, credited = {}, set()
        for reg_id, kind, price, gross, funding in cr.fetchall():
            if kind == "refund":
                credited.add(reg_id)
            else:
                billed[reg_id] = (to_cents(gross or 0.0), to_cents(price), to_cents(funding or 0.0))
        registrations = Registration.browse(reg_ids)
        active = registrations.filtered(lambda r: r.state in ACTIVE_STATES)
        to_invoice = active.filtered(lambda r: r.id not in billed)
        to_credit = registrations.filtered(
            lambda r: r.state == "cancel" and r.id in billed and r.id not in credited)
        missing_payer = (to_invoice | to_credit).filtered(lambda r: not r.paying_partner_id)
        if missing_payer:
            raise UserError(_("Paying Company: no paying company is set for %s.")
                            % ", ".join(missing_payer.mapped("name")))
        touched = Invoice
        if to_invoice:
            amounts = self._qnetz_participant_amounts(active)
            touched |= self._qnetz_make_invoices(to_invoice, "out_invoice", "invoice", amounts)
        if to_credit:
            touched |= self._qnetz_make_invoices(to_credit, "out_refund", "refund", billed)
        # writing the rows also makes a concurrent run that read them before fail
        if to_invoice:
            to_invoice.write({"qnetz_billing_state": "invoiced"})
        if to_credit:
            to_credit.write({"qnetz_billing_state": "credited"})
        return touched

    def _qnetz_make_invoices(self, registrations, inv_type, kind, amounts):
        tools = self._qnetz_billing_tools(inv_type)
        Invoice = self.env["account.invoice"]
        # mapped() reads the partners of all registrations at once (prefetching)
        registrations.mapped("apprentice_id.name")
        registrations.mapped("paying_partner_id.property_account_receivable_id")
        registrations.mapped("event_id.name")
        labels = {reg.id: reg.apprentice_id.name or reg.name for reg in registrations}
        groups = defaultdict(lambda: self.env["event.registration"])
        for registration in registrations:
            groups[(registration.event_id.id, registration.paying_partner_id.id)] |= registration
        # keep adding to a draft that is still open for changes instead of a new document
        drafts = Invoice.search([
            ("qnetz_course_id", "in", list({key[0] for key in groups})),
            ("type", "=", inv_type), ("state", "=", "draft"),
            ("qnetz_is_provider_bill", "=", False)])
        draft_by_key = {(inv.qnetz_course_id.id, inv.partner_id.id): inv for inv in drafts}
        # all values first: creating invoices invalidates the cache, reading the
        # registrations in between would cost queries per registration
        plans = []
        for (event_id, partner_id), group in groups.items():
            lines = [(0, 0, self._qnetz_invoice_line_vals(
                reg, kind, amounts[reg.id], tools, labels[reg.id])) for reg in group.sorted("id")]
            plans.append((event_id, partner_id, group[0].event_id, group[0].paying_partner_id,
                          lines))
        touched = appended = Invoice
        for event_id, partner_id, event, partner, lines in plans:
            invoice = draft_by_key.get((event_id, partner_id))
            if invoice:
                invoice.write({"invoice_line_ids": lines})
                appended |= invoice
            else:
                account = partner.property_account_receivable_id
                if not account:
                    raise UserError(_("Account: %s has no receivable account.") % partner.name)
                # every value the invoice's onchanges would compute is given, so that
                # create() does not run them on a draft copy of all the lines
                invoice = Invoice.create({
                    "type": inv_type,
                    "partner_id": partner_id,
                    "account_id": account.id,
                    "payment_term_id": partner.property_payment_term_id.id,
                    "fiscal_position_id": partner.property_account_position_id.id,
                    "partner_bank_id": False,
                    "journal_id": tools["journal"].id,
                    "company_id": tools["company"].id,
                    "currency_id": (event.currency_id or tools["company"].currency_id).id,
                    "origin": event.name,
                    "name": event.name,
                    "comment": event._qnetz_invoice_comment(),
                    "qnetz_course_id": event_id,
                    "invoice_line_ids": lines,
                })
            touched |= invoice
        # new invoices got their tax lines in create(); drafts that grew need them again
        appended.compute_taxes()
        return touched

    @api.multi
    def _qnetz_create_provider_bill(self):
        """One vendor bill per course for the provider's agreed fee; idempotent.

        Returns the courses' provider bills, existing or new.
        """
        self._qnetz_check_billable()
        Invoice = self.env["account.invoice"]
        if not self:
            return Invoice
        for event in self:
            if event.provider_fee <= 0:
                raise UserError(_("Provider Fee: no fee is agreed with the provider of %s.")
                                % event.name)
        self._qnetz_lock("event_event", self.ids)
        existing = Invoice.search([
            ("qnetz_course_id", "in", self.ids), ("qnetz_is_provider_bill", "=", True),
            ("state", "!=", "cancel")])
        done = existing.mapped("qnetz_course_id")
        bills = existing
        todo = self - done
        if not todo:
            return bills
        tools = self._qnetz_billing_tools("in_invoice")
        for event in todo:
            provider = event.provider_id.commercial_partner_id
            account = provider.property_account_payable_id
            if not account:
                raise UserError(_("Account: %s has no payable account.") % provider.name)
            bills |= Invoice.create({
                "type": "in_invoice",
                "partner_id": provider.id,
                "account_id": account.id,
                "payment_term_id": provider.property_supplier_payment_term_id.id,
                "fiscal_position_id": provider.property_account_position_id.id,
                "partner_bank_id": provider.bank_ids[:1].id,
                "journal_id": tools["journal"].id,
                "company_id": tools["company"].id,
                "currency_id": (event.currency_id or tools["company"].currency_id).id,
                "origin": event.name,
                "reference": event.name,
                "qnetz_course_id": event.id,
                "qnetz_is_provider_bill": True,
                "invoice_line_ids": [(0, 0, {
                    "name": _("%s: agreed course fee (%s hours)") % (
                        event.name, "%g" % event.total_hours),
                    "product_id": tools["product"].id,
                    "account_id": tools["account"].id,
                    "quantity": 1.0,
                    "price_unit": event.provider_fee,
                    "invoice_line_tax_ids": [(6, 0, tools["tax"].ids)],
                })],
            })
        return bills

    @api.multi
    def action_validate_invoices(self):
        """Validate the courses' draft customer invoices and credit notes."""
        self._qnetz_check_coordinator_action()
        drafts = self.env["account.invoice"].search([
            ("qnetz_course_id", "in", self.ids), ("state", "=", "draft"),
            ("type", "in", ("out_invoice", "out_refund"))])
        drafts.action_invoice_open()
        return True

    @api.model
    def _qnetz_billing_run(self, events=None):
        """Server action / cron entry point: bill every course that can be billed."""
        if events is None:
            events = self._qnetz_billing_candidates()
        invoices = events._qnetz_bill_registrations()
        bills = events.filtered(lambda e: e.provider_fee > 0 and e.state != "cancel")
        return invoices | bills._qnetz_create_provider_bill()
