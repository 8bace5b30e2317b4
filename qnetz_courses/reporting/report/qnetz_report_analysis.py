from odoo import api, fields, models, tools

from odoo.addons.qnetz_base.models.qnetz_need import AREAS, STATES

from ...spine.models.event_registration import ACTIVE_STATES

# The time zone of the network: a need captured at 00:30 local time on 1 January belongs
# to the new year, although it is still 31 December in UTC.
REPORT_TZ = "Europe/Berlin"
KINDS = [
    ("need", "Training need"),
    ("course", "Course held"),
    ("participant", "Participant"),
    ("invoice", "Customer invoice"),
    ("bill", "Provider bill"),
]
# A course is held once it is confirmed; a planned (draft) or cancelled course is not.
HELD_COURSE_STATES = ("confirm", "running", "done")
# Participants: confirmed or attended registrations; waiting list and cancelled do not count.
PARTICIPANT_STATES = ACTIVE_STATES


class QnetzReportAnalysis(models.Model):
    """What the network achieved, one row per fact (need, course, participant, invoice).

    A read-only SQL view: the coordinator explores it in pivot and graph views, and the
    figures service (qnetz.report.figures) sums its measures, so that the dashboard, the
    PDF, the XLSX export and the pivot always show the same numbers. Every row carries
    the date it counts for (capture of a need, start of a course), the district and the
    federal state it counts in, and the area of training.
    """

    _name = "qnetz.report.analysis"
    _description = "Network Achievements (Analysis)"
    _auto = False
    _rec_name = "date"
    _order = "date desc"

    kind = fields.Selection(KINDS, readonly=True)
    date = fields.Date(
        readonly=True,
        help="When the row counts: the day a need was captured, or the start of the course.")
    date_time = fields.Datetime(
        string="Point in Time", readonly=True,
        help="Creation of the need, or start of the course, as a point in time (UTC); "
             "the figures filter on it so that the database need not convert every row.")
    district_id = fields.Many2one("qnetz.district", string="District", readonly=True)
    federal_state_id = fields.Many2one("res.country.state", string="Federal State", readonly=True)
    area = fields.Selection(AREAS, readonly=True)
    need_state = fields.Selection(STATES, string="Need Status", readonly=True)
    course_id = fields.Many2one("event.event", string="Course", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Company", readonly=True,
        help="The training company of the need, the paying company of the participant, "
             "or the invoiced company.")
    need_count = fields.Integer(string="Needs", readonly=True)
    need_withdrawn_count = fields.Integer(string="Needs Withdrawn", readonly=True)
    need_served_count = fields.Integer(
        string="Needs Served by a Course", readonly=True,
        help="Needs bundled into a course that was not cancelled.")
    days_to_start = fields.Float(
        string="Days from Qualification to Course Start", readonly=True, group_operator="avg")
    course_count = fields.Integer(string="Courses Held", readonly=True)
    participant_count = fields.Integer(string="Participants", readonly=True)
    attended_hours = fields.Float(string="Participant-Hours Attended", readonly=True)
    planned_hours = fields.Float(
        string="Participant-Hours Planned", readonly=True,
        help="Course hours times participants: the basis of the attendance rate.")
    certificate_count = fields.Integer(string="Certificates", readonly=True)
    amount_gross = fields.Float(
        string="Course Fees (gross)", readonly=True,
        help="Fees of the participants billed, before the funding share.")
    amount_billed = fields.Float(
        string="Billed to Companies", readonly=True,
        help="Customer invoices less credit notes, drafts included.")
    amount_funding = fields.Float(
        string="Covered by Funding", readonly=True,
        help="The part of the billed fees covered by the funding programme.")
    amount_open = fields.Float(
        string="Open Amount", readonly=True,
        help="What the companies still have to pay: drafts and unpaid invoices.")
    amount_provider = fields.Float(
        string="Provider Fees", readonly=True, help="Vendor bills of the providers.")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        local_date = "(({col}) AT TIME ZONE 'UTC' AT TIME ZONE '%s')::date" % REPORT_TZ
        need_date = local_date.format(col="n.create_date")
        course_date = local_date.format(col="e.date_begin")
        # per invoice, and only for the invoices a query keeps (index on invoice_id)
        funding = """COALESCE((SELECT SUM(COALESCE(l.funding_amount, 0.0))
                                 FROM account_invoice_line l WHERE l.invoice_id = i.id), 0.0)
                      * CASE WHEN i.type IN ('out_refund', 'in_refund') THEN -1 ELSE 1 END"""
        self.env.cr.execute("""
            CREATE VIEW {table} AS (
            -- needs: the company is the owner, or the employer of a young person who owns it
            SELECT n.id * 8 + 1 AS id, 'need'::varchar AS kind, {need_date} AS date,
                   n.create_date AS date_time,
                   n.district_id, d.state_id AS federal_state_id, n.area,
                   n.state AS need_state, n.course_id,
                   CASE WHEN p.is_apprentice THEN p.employer_id
                        ELSE p.commercial_partner_id END AS partner_id,
                   1 AS need_count,
                   CASE WHEN n.state = 'withdrawn' THEN 1 ELSE 0 END AS need_withdrawn_count,
                   CASE WHEN e.id IS NOT NULL AND e.state != 'cancel'
                        AND n.state != 'withdrawn' THEN 1 ELSE 0 END AS need_served_count,
                   CASE WHEN e.id IS NOT NULL AND e.state != 'cancel'
                        AND n.state != 'withdrawn' AND n.qualified_date IS NOT NULL
                        THEN ({course_date} - n.qualified_date)::float END AS days_to_start,
                   0 AS course_count, 0 AS participant_count,
                   0.0 AS attended_hours, 0.0 AS planned_hours, 0 AS certificate_count,
                   0.0 AS amount_gross, 0.0 AS amount_billed, 0.0 AS amount_funding,
                   0.0 AS amount_open, 0.0 AS amount_provider
              FROM qnetz_need n
              JOIN res_partner p ON p.id = n.partner_id
              LEFT JOIN qnetz_district d ON d.id = n.district_id
              LEFT JOIN event_event e ON e.id = n.course_id
            UNION ALL
            SELECT e.id * 8 + 2, 'course', {course_date}, e.date_begin,
                   e.district_id, d.state_id, e.area, NULL, e.id, NULL,
                   0, 0, 0, NULL,
                   1, 0, 0.0, 0.0, 0,
                   0.0, 0.0, 0.0, 0.0, 0.0
              FROM event_event e
              LEFT JOIN qnetz_district d ON d.id = e.district_id
             WHERE e.is_qnetz_course AND e.state IN %(held)s
            UNION ALL
            SELECT r.id * 8 + 3, 'participant', {course_date}, e.date_begin,
                   e.district_id, d.state_id, e.area, NULL, e.id,
                   payer.commercial_partner_id,
                   0, 0, 0, NULL,
                   0, 1, COALESCE(r.attended_hours, 0.0), COALESCE(e.total_hours, 0.0),
                   CASE WHEN r.certificate_eligible THEN 1 ELSE 0 END,
                   0.0, 0.0, 0.0, 0.0, 0.0
              FROM event_registration r
              JOIN event_event e ON e.id = r.event_id
              LEFT JOIN qnetz_district d ON d.id = e.district_id
              LEFT JOIN res_partner payer ON payer.id = r.paying_partner_id
             WHERE e.is_qnetz_course AND e.state IN %(held)s AND r.state IN %(participant)s
            UNION ALL
            -- money counts for the course it belongs to, whatever became of the course
            SELECT i.id * 8 + CASE WHEN i.type IN ('out_invoice', 'out_refund') THEN 4 ELSE 5 END,
                   CASE WHEN i.type IN ('out_invoice', 'out_refund') THEN 'invoice' ELSE 'bill' END,
                   {course_date}, e.date_begin,
                   e.district_id, d.state_id, e.area, NULL, e.id,
                   i.commercial_partner_id,
                   0, 0, 0, NULL,
                   0, 0, 0.0, 0.0, 0,
                   CASE WHEN i.type IN ('out_invoice', 'out_refund')
                        THEN i.amount_total_signed + {funding} ELSE 0.0 END,
                   CASE WHEN i.type IN ('out_invoice', 'out_refund')
                        THEN i.amount_total_signed ELSE 0.0 END,
                   CASE WHEN i.type IN ('out_invoice', 'out_refund')
                        THEN {funding} ELSE 0.0 END,
                   CASE WHEN i.type NOT IN ('out_invoice', 'out_refund') THEN 0.0
                        WHEN i.state = 'draft' THEN i.amount_total_signed
                        WHEN i.state = 'open' THEN i.residual_signed ELSE 0.0 END,
                   CASE WHEN i.type IN ('in_invoice', 'in_refund')
                        THEN i.amount_total_signed ELSE 0.0 END
              FROM account_invoice i
              JOIN event_event e ON e.id = i.course_id
              LEFT JOIN qnetz_district d ON d.id = e.district_id
             WHERE i.state != 'cancel'
            )
        """.format(table=self._table, need_date=need_date, course_date=course_date,
                   funding=funding),
            {"held": HELD_COURSE_STATES, "participant": PARTICIPANT_STATES})
