from collections import defaultdict

import psycopg2
from dateutil.relativedelta import relativedelta
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...billing.models.event_event_billing import (
    CONCURRENCY_PGCODES, to_cents)
from .qnetz_project import month_end, month_start


class QnetzFunderClaim(models.Model):
    """A claim to a funder for the funded share of course fees billed to the companies.

    One claim per funder and period (a month, or the courses finished) with a line per
    course; each funded part of a company invoice line (or its credit) is claimed once,
    which a unique index on qnetz.funder.claim.part holds even against concurrent runs.
    As a customer invoice to the funder (0 % VAT, §4 Nr. 21 UStG) or as a claim document
    only, as the project says.
    """

    _name = "qnetz.funder.claim"
    _inherit = ["mail.thread"]
    _description = "Funder Claim"
    _order = "date desc, id desc"

    name = fields.Char(string="Number", required=True, readonly=True, copy=False,
                       default="/")
    project_id = fields.Many2one("qnetz.project", string="Project", required=True,
                                 readonly=True, index=True, ondelete="restrict")
    funder_id = fields.Many2one("res.partner", string="Funder", required=True, readonly=True,
                                index=True, ondelete="restrict")
    date = fields.Date(string="Claim Date", required=True, readonly=True,
                       default=fields.Date.context_today)
    date_from = fields.Date(string="Billed From", readonly=True)
    date_to = fields.Date(string="Billed To", readonly=True)
    mode = fields.Selection(
        [("invoice", "Customer Invoice to the Funder"), ("document", "Claim Document Only")],
        string="Claim As", required=True, readonly=True, default="invoice")
    invoice_id = fields.Many2one("account.invoice", string="Invoice to the Funder",
                                 readonly=True, copy=False, ondelete="restrict")
    currency_id = fields.Many2one(
        "res.currency", string="Currency", readonly=True,
        default=lambda self: self.env.user.company_id.currency_id)
    line_ids = fields.One2many("qnetz.funder.claim.line", "claim_id", string="Courses",
                               readonly=True)
    part_ids = fields.One2many("qnetz.funder.claim.part", "claim_id", string="Funded Parts",
                               readonly=True)
    amount_total = fields.Monetary(string="Amount Claimed", compute="_compute_amount_total",
                                   store=True)

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for claim in self:
            claim.amount_total = sum(claim.line_ids.mapped("amount"))

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("qnetz.funder.claim") or "/"
        return super(QnetzFunderClaim, self).create(vals)

    # The run ---------------------------------------------------------------

    def _qnetz_cutoff(self, project, today):
        """The last invoice date a run on `today` claims, and which courses: monthly up
        to the end of the last full month; at course end everything of finished courses."""
        if project.claim_period == "month":
            states = ("confirm", "running", "done", "cancel")
            return month_start(today) - relativedelta(days=1), states
        return today, ("done", "cancel")

    def _qnetz_unclaimed_parts(self, project, cutoff, course_states):
        """Funded parts of validated company invoice lines (and credits) of the project's
        courses not claimed yet: [(line id, registration, course, funder, date, cents)]."""
        self.env.cr.execute("""
            SELECT l.id, l.registration_id, e.id,
                   COALESCE(e.funder_id, p.funder_id), i.date_invoice,
                   CASE WHEN i.type = 'out_refund' THEN -1 ELSE 1 END
                       * l.funding_amount
              FROM account_invoice_line l
              JOIN account_invoice i ON i.id = l.invoice_id
              JOIN event_event e ON e.id = i.course_id
              JOIN qnetz_project p ON p.id = e.project_id
             WHERE p.id = %s
               AND i.type IN ('out_invoice', 'out_refund')
               AND i.state IN ('open', 'paid')
               AND NOT COALESCE(i.is_provider_bill, FALSE)
               AND COALESCE(l.funding_amount, 0) != 0
               AND i.date_invoice <= %s
               AND e.state IN %s
               AND NOT EXISTS (SELECT 1 FROM qnetz_funder_claim_part cp
                                WHERE cp.source_line_id = l.id)
             ORDER BY e.id, l.id
        """, (project.id, fields.Date.to_string(cutoff), tuple(course_states)))
        return self.env.cr.fetchall()

    @api.model
    def _qnetz_claim_run(self, projects, today=None):
        """Claim the funded shares of `projects` billed up to the period's end; safe to call
        any number of times and refused cleanly while another run holds the same lines.
        Returns the claims made."""
        claims = self.browse()
        Event = self.env["event.event"]
        for project in projects.sudo():
            day = project._qnetz_today(today)
            cutoff, states = self._qnetz_cutoff(project, day)
            parts = self._qnetz_unclaimed_parts(project, cutoff, states)
            if not parts:
                continue
            # the billing run's lock: a concurrent claim run stops here with a clear message
            Event._qnetz_lock("account_invoice_line", [part[0] for part in parts])
            groups = defaultdict(list)
            for part in parts:
                line_id, reg_id, event_id, funder_id, date_invoice, amount = part
                period = month_start(fields.Date.from_string(date_invoice)) \
                    if project.claim_period == "month" else None
                groups[(funder_id, period)].append(part)
            for (funder_id, period), group in sorted(groups.items(), key=lambda item: (
                    item[0][0], item[0][1] or day)):
                claims |= self._qnetz_make_claim(project, funder_id, period, group, day)
        return claims

    def _qnetz_make_claim(self, project, funder_id, period, parts, day):
        if period:
            date_from, date_to = period, month_end(period)
        else:
            dates = [fields.Date.from_string(part[4]) for part in parts]
            date_from, date_to = min(dates), max(dates)
        by_event = defaultdict(list)
        for part in parts:
            by_event[part[2]].append(part)
        events = self.env["event.event"].browse(sorted(by_event))
        line_values = []
        for event in events:
            event_parts = by_event[event.id]
            cents = sum(to_cents(float(part[5])) for part in event_parts)
            line_values.append((0, 0, {
                "event_id": event.id,
                "part_count": len(event_parts),
                "amount": cents / 100.0,
            }))
        # the claim is the run's bookkeeping from the engine's own figures, never values a
        # user chose: created as superuser, so that the coordinator's right to run it is
        # all that is asked (the lines and parts have no create right of their own)
        claim = self.sudo().create({
            "project_id": project.id,
            "funder_id": funder_id,
            "date": fields.Date.to_string(day),
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "mode": project.claim_mode,
            "line_ids": line_values,
        })
        line_by_event = {line.event_id.id: line.id for line in claim.line_ids}
        rows = [(claim.id, line_by_event[part[2]], part[0], part[1], part[2],
                 to_cents(float(part[5])) / 100.0, self.env.uid, self.env.uid)
                for part in parts]
        try:
            with self.env.cr.savepoint():
                execute_values(self.env.cr, """
                    INSERT INTO qnetz_funder_claim_part
                        (claim_id, claim_line_id, source_line_id, registration_id, event_id,
                         amount, create_uid, write_uid, create_date, write_date)
                    VALUES %s
                """, rows, template="(%s, %s, %s, %s, %s, %s, %s, %s, now() at time zone "
                                    "'UTC', now() at time zone 'UTC')")
        except psycopg2.IntegrityError as error:
            if error.pgcode != "23505":
                raise
            raise UserError(_("Another claim run has claimed these funded shares right now. "
                              "Nothing was claimed twice; please try again in a moment."))
        except psycopg2.OperationalError as error:
            if error.pgcode not in CONCURRENCY_PGCODES:
                raise
            raise UserError(_("Another claim run has claimed these funded shares right now. "
                              "Nothing was claimed twice; please try again in a moment."))
        self.env["qnetz.funder.claim.part"].invalidate_cache()
        if claim.mode == "invoice":
            claim._qnetz_make_invoice()
        return self.browse(claim.id)

    def _qnetz_make_invoice(self):
        """The claim as a customer invoice to the funder: a line per course, 0 % VAT with
        the exemption of the company invoices, on the project's analytic account."""
        self.ensure_one()
        total = sum(to_cents(amount) for amount in self.line_ids.mapped("amount"))
        if not total:
            return self.env["account.invoice"]
        inv_type = "out_invoice" if total > 0 else "out_refund"
        sign = 1 if total > 0 else -1
        tools = self.env["event.event"]._qnetz_billing_tools(inv_type)
        funder = self.funder_id.commercial_partner_id
        vals = self.env["event.event"]._qnetz_customer_invoice_vals(
            funder, inv_type, tools, self.currency_id, self.name)
        analytic = self.project_id.analytic_account_id
        lines = []
        for line in self.line_ids:
            lines.append((0, 0, {
                "name": _("%s: funded share of the course fees (%d participants' parts)")
                % (line.event_id.name, line.part_count),
                "product_id": tools["product"].id,
                "account_id": tools["account"].id,
                "account_analytic_id": analytic.id,
                "quantity": 1.0,
                "price_unit": sign * line.amount,
                "invoice_line_tax_ids": [(6, 0, tools["tax"].ids)],
            }))
        vals.update({
            "name": _("Funder claim %s (%s)") % (self.name, self.project_id.name),
            "comment": _("Funded share of the course fees of the project %s, billed from %s "
                         "to %s. Education services are exempt from VAT under §4 Nr. 21 "
                         "UStG.") % (self.project_id.name, self.date_from, self.date_to),
            "funder_claim_id": self.id,
            "invoice_line_ids": lines,
        })
        invoice = self.env["account.invoice"].create(vals)
        self.invoice_id = invoice
        return invoice

    @api.multi
    def action_view_invoice(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action.update({"res_id": self.invoice_id.id, "view_mode": "form",
                       "views": [(False, "form")]})
        return action
