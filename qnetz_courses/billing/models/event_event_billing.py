from collections import defaultdict

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round, formatLang

from ...spine.models.event_registration import ACTIVE_STATES

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
    """Billing of network courses: when a course can be billed (one rule for the button,
    the billing run and the cron, so that none of them offers what another would refuse),
    and the engine that turns its registrations into company invoices and the provider's
    bill, once per participant, safe against concurrent runs."""

    _inherit = "event.event"

    # The course's billing figures are the coordinator's business (field groups hold for
    # RPC reads too).
    invoice_ids = fields.One2many(
        "account.invoice", "course_id", string="Invoices", readonly=True,
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
    can_bill = fields.Boolean(
        string="Can Be Billed", compute="_compute_can_bill",
        help="The course has begun or is finished, has sessions and reached its minimum "
             "(or was confirmed below it).")
    open_registrations = fields.Boolean(
        string="Registrations Still Open", compute="_compute_can_bill",
        help="The course has not finished, so more participants may still register.")

    @api.multi
    def _qnetz_billing_blocker(self):
        """Why each course cannot be billed now: {event id: reason}, empty when it can."""
        # one read of the sessions and invoices of all the courses, not one per course
        begun = self._qnetz_service_begun()
        labels = dict(self._fields["state"]._description_selection(self.env))
        reasons = {}
        for event in self:
            if not event.is_qnetz_course:
                reasons[event.id] = _("%s is not a network course.") % event.name
            elif not event.provider_id:
                reasons[event.id] = _("%s has no provider.") % event.name
            elif event.state == "cancel":
                # a cancelled course is only billed to credit what was invoiced before
                if not event.invoice_ids:
                    reasons[event.id] = _("%s was cancelled before it was billed.") % event.name
            elif event.state == "draft":
                reasons[event.id] = _("%s is still '%s'.") % (event.name, labels["draft"])
            elif not event.session_ids:
                reasons[event.id] = _("%s has no sessions.") % event.name
            elif event not in begun:
                # the service bills what was delivered: not before the first session,
                # whatever the state says
                reasons[event.id] = _("%s has not begun yet.") % event.name
            elif event.below_minimum and not event.min_override and not event.invoice_ids:
                # the minimum gates the first billing; cancellations after it are credited
                reasons[event.id] = _("%s has not reached its minimum number of "
                                      "participants.") % event.name
        return reasons

    @api.multi
    def _qnetz_billable(self):
        """The courses of self that can be billed now."""
        blocked = self._qnetz_billing_blocker()
        return self.filtered(lambda event: event.id not in blocked)

    @api.depends("state", "is_qnetz_course", "provider_id", "date_begin", "session_ids.date_begin",
                 "seats_min", "seats_reserved", "seats_used", "min_override")
    def _compute_can_bill(self):
        billable = self._qnetz_billable()
        for event in self:
            event.can_bill = event in billable
            event.open_registrations = event.state in ("draft", "confirm", "running")

    @api.model
    def _qnetz_billing_candidates(self):
        """Every network course the billing run and the cron should bill now."""
        return self.search([
            ("is_qnetz_course", "=", True), ("provider_id", "!=", False),
            ("state", "in", ("confirm", "running", "done", "cancel"))])._qnetz_billable()

    @api.model
    def _qnetz_invoices_action(self, invoices):
        """The list a billing run ends on: the customer invoices it made, the provider
        bills on their own list (both kinds on one list read as one kind)."""
        customer = invoices.filtered(lambda i: i.type in ("out_invoice", "out_refund"))
        bills = invoices - customer
        if customer or not bills:
            action = self.env.ref("qnetz_courses.qnetz_customer_invoices_action").read()[0]
            name = _("Billed Course Fees")
            if bills:
                name = _("Billed Course Fees (and %d provider bills, see Provider Bills)") \
                    % len(bills)
            action.update({"name": name, "domain": [("id", "in", customer.ids)]})
        else:
            action = self.env.ref("qnetz_courses.qnetz_provider_bills_action").read()[0]
            action.update({"name": _("Provider Bills"), "domain": [("id", "in", bills.ids)]})
        action["context"] = {"create": False}
        return action

    # The engine ----------------------------------------------------------

    def _qnetz_check_billable(self):
        """The engine refuses what the billing rule refuses, whoever calls it."""
        blocked = self._qnetz_billing_blocker()
        if blocked:
            raise UserError(_("Courses: these courses cannot be billed yet. %s")
                            % " ".join(blocked[event.id] for event in self if event.id in blocked))

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
        return self._qnetz_fee_line_vals(tools, name, amounts,
                                         registration_id=registration.id, line_kind=kind)

    @api.model
    def _qnetz_fee_line_vals(self, tools, name, amounts, **links):
        """An invoice line of a fee: the company's share is the price; the gross fee and
        the funded part stay beside it, for the funder claims and the reconciliation.
        `amounts`: (gross, company, funded) in cents; `links`: what the line is for."""
        gross, company, funding = amounts
        values = {
            "name": name,
            "product_id": tools["product"].id,
            "account_id": tools["account"].id,
            "quantity": 1.0,
            "price_unit": company / 100.0,
            "invoice_line_tax_ids": [(6, 0, tools["tax"].ids)],
            "gross_amount": gross / 100.0,
            "funding_amount": funding / 100.0,
        }
        values.update(links)
        return values

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
        # cancelled participants too: what was billed to them is credited
        cr.execute("SELECT id FROM event_registration WHERE event_id IN %s "
                   "AND state IN %s ORDER BY id", (tuple(self.ids), ACTIVE_STATES + ("cancel",)))
        reg_ids = [row[0] for row in cr.fetchall()]
        self._qnetz_lock("event_event", self.ids)
        self._qnetz_lock("event_registration", reg_ids)
        if not reg_ids:
            return Invoice
        cr.execute("""
            SELECT l.registration_id, l.line_kind, l.price_unit,
                   l.gross_amount, l.funding_amount
              FROM account_invoice_line l
             WHERE l.registration_id IN %s
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
            to_invoice.write({"billing_state": "invoiced"})
        if to_credit:
            to_credit.write({"billing_state": "credited"})
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
            ("course_id", "in", list({key[0] for key in groups})),
            ("type", "=", inv_type), ("state", "=", "draft"),
            ("is_provider_bill", "=", False)])
        draft_by_key = {(inv.course_id.id, inv.partner_id.id): inv for inv in drafts}
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
                vals = self._qnetz_customer_invoice_vals(
                    partner, inv_type, tools, event.currency_id, event.name)
                vals.update({"name": event.name, "comment": event._qnetz_invoice_comment(),
                             "course_id": event_id, "invoice_line_ids": lines})
                invoice = Invoice.create(vals)
            touched |= invoice
        # new invoices got their tax lines in create(); drafts that grew need them again
        appended.compute_taxes()
        return touched

    @api.model
    def _qnetz_customer_invoice_vals(self, partner, inv_type, tools, currency, origin):
        """The header of an invoice (or credit note) to a customer of the network: the
        companies for their share, the funders for the funded share."""
        account = partner.property_account_receivable_id
        if not account:
            raise UserError(_("Account: %s has no receivable account.") % partner.name)
        # every value the invoice's onchanges would compute is given, so that create()
        # does not run them on a draft copy of all the lines
        return {
            "type": inv_type,
            "partner_id": partner.id,
            "account_id": account.id,
            # a due date after the invoice date and the account to pay to, as the
            # validation asks (account.invoice._qnetz_completeness_problems)
            "payment_term_id": (partner.property_payment_term_id or self.env.ref(
                "qnetz_courses.payment_term_14_days", raise_if_not_found=False)).id or False,
            "fiscal_position_id": partner.property_account_position_id.id,
            "partner_bank_id": tools["company"].partner_id.bank_ids[:1].id or False,
            "journal_id": tools["journal"].id,
            "company_id": tools["company"].id,
            "currency_id": (currency or tools["company"].currency_id).id,
            "origin": origin,
        }

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
            ("course_id", "in", self.ids), ("is_provider_bill", "=", True),
            ("state", "!=", "cancel")])
        done = existing.mapped("course_id")
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
                "course_id": event.id,
                "is_provider_bill": True,
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
            ("course_id", "in", self.ids), ("state", "=", "draft"),
            ("type", "in", ("out_invoice", "out_refund"))])
        drafts.action_invoice_open()
        return True

    @api.model
    def _qnetz_billing_run(self, events=None, customers=True, providers=True):
        """The one entry point of billing, for the billing run wizard, the server action and
        the cron: bills the given courses (by default every course that can be billed now)
        and returns the invoices, credit notes and provider bills it made."""
        if events is None:
            events = self._qnetz_billing_candidates()
        events._qnetz_check_billable()
        Invoice = self.env["account.invoice"]
        invoices = Invoice
        if customers:
            invoices |= events._qnetz_bill_registrations()
        if providers:
            with_fee = events.filtered(lambda e: e.provider_fee > 0 and e.state != "cancel")
            known = Invoice.search([("course_id", "in", with_fee.ids),
                                    ("is_provider_bill", "=", True)])
            invoices |= with_fee._qnetz_create_provider_bill() - known
        return invoices

    def _compute_billing_amounts(self):
        totals = defaultdict(lambda: {"billed": 0.0, "open": 0.0, "count": 0, "bills": 0})
        if self.ids:
            groups = self.env["account.invoice"].sudo().read_group(
                [("course_id", "in", self.ids), ("state", "!=", "cancel")],
                ["course_id", "type", "state", "amount_total_signed", "residual_signed"],
                ["course_id", "type", "state"], lazy=False)
            for group in groups:
                values = totals[group["course_id"][0]]
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

    @api.multi
    def action_view_invoices(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action["domain"] = [("course_id", "=", self.id),
                            ("type", "in", ("out_invoice", "out_refund"))]
        action["context"] = {"default_course_id": self.id}
        return action

    @api.multi
    def action_view_provider_bills(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree2").read()[0]
        action["domain"] = [("course_id", "=", self.id),
                            ("type", "in", ("in_invoice", "in_refund"))]
        action["context"] = {"default_course_id": self.id, "type": "in_invoice"}
        return action
