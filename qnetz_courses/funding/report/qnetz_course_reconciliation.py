from odoo import api, fields, models, tools


class QnetzCourseReconciliation(models.Model):
    """Per course: do the fees reconcile? The fee due from the active participants must
    equal what the companies were invoiced (net of credit notes) plus what was claimed
    from the funders, to the cent; set against the provider's cost. A course that does
    not reconcile names why. Grouped by project, the list gives the project's figures."""

    _name = "qnetz.course.reconciliation"
    _description = "Course Fee Reconciliation"
    _auto = False
    _order = "reconciled, date_begin desc, event_id"

    event_id = fields.Many2one("event.event", string="Course", readonly=True)
    project_id = fields.Many2one("qnetz.project", string="Funded Project", readonly=True)
    date_begin = fields.Datetime(string="Course Start", readonly=True)
    course_state = fields.Selection(
        [("draft", "Unconfirmed"), ("cancel", "Cancelled"), ("confirm", "Confirmed"),
         ("running", "Running"), ("done", "Done")], string="Course Status", readonly=True)
    fee_model = fields.Selection(
        [("per_participant", "Price per Participant"), ("total", "Total Course Price")],
        readonly=True)
    # a share per course: summed over a group it means nothing (205 %)
    funding_share = fields.Float(string="Funding Share (%)", readonly=True, group_operator=False)
    participant_count = fields.Integer(string="Participants", readonly=True)
    cancelled_count = fields.Integer(string="Cancelled Participants", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    fee_due = fields.Monetary(string="Fees Due", readonly=True,
                              help="Fee per participant × active participants, or the "
                                   "total course price.")
    fee_billed = fields.Monetary(string="Fees Billed (gross)", readonly=True)
    company_amount = fields.Monetary(string="Company Invoices", readonly=True,
                                     help="Invoiced to the companies, net of credit notes.")
    funding_billed = fields.Monetary(readonly=True)
    funding_claimed = fields.Monetary(string="Claimed from Funders", readonly=True)
    difference = fields.Monetary(
        readonly=True,
        help="Fees due − company invoices − funder claims; zero when the course reconciles.")
    provider_cost = fields.Monetary(readonly=True)
    result = fields.Monetary(readonly=True,
                             help="Company invoices + funder claims − provider cost.")
    reconciled = fields.Boolean(readonly=True)
    reason = fields.Selection(
        [("not_billed", "Not yet billed"),
         ("cancelled", "Cancelled participants"),
         ("credit_note", "Credit notes"),
         ("unclaimed", "Funding not yet claimed"),
         ("other", "Other difference")],
        string="Why Not", readonly=True)

    @api.model
    def _qnetz_view_extensions(self):
        """(columns, joins) that a feature above adds to the view: each column as
        ", <expression> AS <field>" over the columns of `result` (the figures above),
        each join on result.event_id. None here."""
        return "", ""

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        columns, joins = self._qnetz_view_extensions()
        # the extensions are SQL of the code (features above), no input
        self.env.cr.execute(  # pylint: disable=sql-injection
            """
            CREATE OR REPLACE VIEW qnetz_course_reconciliation AS (
            WITH regs AS (
                SELECT r.event_id,
                       COUNT(*) FILTER (WHERE r.state IN ('open', 'done')) AS active,
                       COUNT(*) FILTER (WHERE r.state = 'cancel') AS cancelled
                  FROM event_registration r
                 GROUP BY r.event_id
            ), lines AS (
                SELECT l.id, l.invoice_id, l.registration_id, l.line_kind,
                       i.course_id AS event_id, i.state AS invoice_state,
                       CASE WHEN i.type = 'out_refund' THEN -1 ELSE 1 END AS sign,
                       l.price_subtotal, COALESCE(l.gross_amount, l.price_subtotal)
                           AS gross, COALESCE(l.funding_amount, 0) AS funding
                  FROM account_invoice_line l
                  JOIN account_invoice i ON i.id = l.invoice_id
                 WHERE i.course_id IS NOT NULL
                   AND i.type IN ('out_invoice', 'out_refund')
                   AND NOT COALESCE(i.is_provider_bill, FALSE)
                   AND i.state != 'cancel'
            ), billed AS (
                SELECT lines.event_id,
                       SUM(sign * gross) AS fee_billed,
                       SUM(sign * price_subtotal) AS company_amount,
                       SUM(sign * funding) AS funding_billed,
                       COUNT(*) FILTER (WHERE sign < 0 AND r.state IS DISTINCT FROM 'cancel')
                           AS credit_other,
                       COUNT(*) FILTER (WHERE sign < 0 AND r.state = 'cancel')
                           AS credit_cancelled
                  FROM lines
                  LEFT JOIN event_registration r ON r.id = lines.registration_id
                 GROUP BY lines.event_id
            ), unbilled AS (
                SELECT r.event_id,
                       COUNT(*) FILTER (WHERE r.state IN ('open', 'done')
                                        AND NOT EXISTS (SELECT 1 FROM lines
                                             WHERE lines.registration_id = r.id
                                               AND lines.line_kind = 'invoice'))
                           AS not_billed,
                       COUNT(*) FILTER (WHERE r.state = 'cancel'
                                        AND EXISTS (SELECT 1 FROM lines
                                             WHERE lines.registration_id = r.id
                                               AND lines.line_kind = 'invoice')
                                        AND NOT EXISTS (SELECT 1 FROM lines
                                             WHERE lines.registration_id = r.id
                                               AND lines.line_kind = 'refund'))
                           AS not_credited
                  FROM event_registration r
                 GROUP BY r.event_id
            ), claimed AS (
                SELECT event_id, SUM(amount) AS funding_claimed
                  FROM qnetz_funder_claim_part
                 GROUP BY event_id
            ), provider AS (
                SELECT course_id AS event_id, SUM(amount_untaxed_signed) AS cost
                  FROM account_invoice
                 WHERE is_provider_bill AND state != 'cancel'
                 GROUP BY course_id
            ), figures AS (
                SELECT e.id AS event_id, e.project_id AS project_id, e.date_begin,
                       e.state AS course_state, e.fee_model, e.funding_share, e.currency_id,
                       COALESCE(regs.active, 0) AS participant_count,
                       COALESCE(regs.cancelled, 0) AS cancelled_count,
                       ROUND(CASE WHEN e.fee_model = 'total'
                                  THEN CASE WHEN COALESCE(regs.active, 0) > 0
                                            THEN e.fee_amount ELSE 0 END
                                  ELSE e.fee_amount * COALESCE(regs.active, 0) END, 2)
                           AS fee_due,
                       ROUND(COALESCE(billed.fee_billed, 0), 2) AS fee_billed,
                       ROUND(COALESCE(billed.company_amount, 0), 2) AS company_amount,
                       ROUND(COALESCE(billed.funding_billed, 0), 2) AS funding_billed,
                       ROUND(COALESCE(claimed.funding_claimed, 0), 2) AS funding_claimed,
                       ROUND(COALESCE(provider.cost, 0), 2) AS provider_cost,
                       COALESCE(unbilled.not_billed, 0) AS not_billed,
                       COALESCE(unbilled.not_credited, 0) AS not_credited,
                       COALESCE(billed.credit_other, 0) AS credit_other,
                       COALESCE(billed.credit_cancelled, 0) AS credit_cancelled
                  FROM event_event e
                  LEFT JOIN regs ON regs.event_id = e.id
                  LEFT JOIN billed ON billed.event_id = e.id
                  LEFT JOIN unbilled ON unbilled.event_id = e.id
                  LEFT JOIN claimed ON claimed.event_id = e.id
                  LEFT JOIN provider ON provider.event_id = e.id
                 WHERE e.is_qnetz_course
            ), result AS (
            SELECT event_id AS id, event_id, project_id, date_begin, course_state, fee_model,
                   funding_share, currency_id, participant_count, cancelled_count, fee_due,
                   fee_billed, company_amount, funding_billed, funding_claimed,
                   fee_due - company_amount - funding_claimed AS difference,
                   provider_cost,
                   company_amount + funding_claimed - provider_cost AS result,
                   fee_due - company_amount - funding_claimed = 0 AS reconciled,
                   CASE WHEN fee_due - company_amount - funding_claimed = 0 THEN NULL
                        WHEN not_billed > 0 THEN 'not_billed'
                        WHEN not_credited > 0 OR (credit_cancelled > 0
                                                  AND fee_due != fee_billed) THEN 'cancelled'
                        WHEN credit_other > 0 AND fee_due != fee_billed THEN 'credit_note'
                        WHEN funding_billed != funding_claimed THEN 'unclaimed'
                        ELSE 'other' END AS reason
              FROM figures
            )
            SELECT result.* {columns}
              FROM result
              {joins}
            )
        """.format(columns=columns, joins=joins))
