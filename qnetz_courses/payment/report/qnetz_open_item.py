from odoo import api, fields, models, tools

from ...spine.course_time import COURSE_TZ_NAME

# Age of an open item by days past its due date; the keys sort in the order of the ages
# (pivot and list group by the key).
AGES = [
    ("0_not_due", "Not Due"),
    ("1_30", "1-30 Days Overdue"),
    ("31_60", "31-60 Days Overdue"),
    ("61_90", "61-90 Days Overdue"),
    ("over_90", "Over 90 Days Overdue"),
]
KINDS = [("fee", "Course Fees and Other Invoices"), ("claim", "Funder Claim")]


class QnetzOpenItem(models.Model):
    """What the companies and funders still owe, per due date: one row per open
    receivable of a customer invoice (an invoice with instalments has several), with the
    open remainder after partial payments and credit notes, its days past due on the
    network's today and the age bucket. Read from the journal items, so a payment
    matched from a bank statement counts on the day it is booked."""

    _name = "qnetz.open.item"
    _description = "Open Items by Age"
    _auto = False
    _order = "date_due, id"
    _rec_name = "invoice_id"

    partner_id = fields.Many2one("res.partner", string="Company", readonly=True)
    invoice_id = fields.Many2one("account.invoice", string="Invoice", readonly=True)
    course_id = fields.Many2one("event.event", string="Course", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    date_invoice = fields.Date(string="Invoice Date", readonly=True)
    date_due = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(readonly=True, group_operator="max")
    age = fields.Selection(AGES, readonly=True)
    reminder_paused = fields.Boolean(string="Disputed", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    amount_open = fields.Monetary(string="Open Amount", readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the network's today, as course_today() has it
        today = "(now() AT TIME ZONE %(tz)s)::date"
        self.env.cr.execute("""
            CREATE VIEW {table} AS (
            WITH items AS (
                SELECT aml.id, inv.commercial_partner_id AS partner_id,
                       inv.id AS invoice_id, inv.course_id,
                       CASE WHEN inv.funder_claim_id IS NULL THEN 'fee' ELSE 'claim' END
                           AS kind,
                       inv.date_invoice,
                       COALESCE(aml.date_maturity, inv.date_due, aml.date) AS date_due,
                       COALESCE(inv.reminder_paused, FALSE) AS reminder_paused,
                       aml.company_currency_id AS currency_id,
                       aml.amount_residual AS amount_open
                  FROM account_move_line aml
                  JOIN account_account acc
                    ON acc.id = aml.account_id AND acc.internal_type = 'receivable'
                  JOIN account_invoice inv ON inv.move_id = aml.move_id
                 WHERE inv.type IN ('out_invoice', 'out_refund')
                   AND inv.state = 'open'
                   AND NOT aml.reconciled
                   AND aml.amount_residual != 0
            )
            SELECT items.*,
                   GREATEST({today} - date_due, 0) AS days_overdue,
                   CASE WHEN {today} <= date_due THEN '0_not_due'
                        WHEN {today} - date_due <= 30 THEN '1_30'
                        WHEN {today} - date_due <= 60 THEN '31_60'
                        WHEN {today} - date_due <= 90 THEN '61_90'
                        ELSE 'over_90' END AS age
              FROM items
            )
        """.format(table=self._table, today=today), {"tz": COURSE_TZ_NAME})
