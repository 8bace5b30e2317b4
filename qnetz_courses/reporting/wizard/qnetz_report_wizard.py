import datetime

from werkzeug.urls import url_encode

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# key figure field -> row key of qnetz.report.figures
KEY_FIGURES = {
    "company_count": "companies",
    "sme_count": "companies_sme",
    "young_people_count": "young_people",
    "need_count": "needs",
    "need_served_share": "needs_served_share",
    "need_median_days": "needs_median_days",
    "course_count": "courses",
    "participant_count": "participants",
    "participant_hours": "participant_hours",
    "attendance_rate": "attendance_rate",
    "certificate_count": "certificates",
    "fees_billed": "fees_billed",
    "fees_funding": "fees_funding",
    "fees_open": "fees_open",
}


class QnetzReportWizard(models.TransientModel):
    """The coordinator's dashboard: the figures of a period, to read, print and export."""

    _name = "qnetz.report.wizard"
    _description = "Network Figures Dashboard"

    def _default_date_from(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(datetime.date(today.year, 1, 1))

    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    district_ids = fields.Many2many(
        "qnetz.district", string="Districts",
        help="Only these districts; leave empty for the whole network.")
    figures_error = fields.Char(compute="_compute_figures", string="Message")
    figures_empty = fields.Boolean(compute="_compute_figures", string="No Data")
    figures_html = fields.Html(compute="_compute_figures", string="Figures", sanitize=False)
    company_count = fields.Integer(compute="_compute_figures", string="Companies Reached")
    sme_count = fields.Integer(compute="_compute_figures", string="of which SMEs")
    young_people_count = fields.Integer(
        compute="_compute_figures", string="Young People Reached")
    need_count = fields.Integer(compute="_compute_figures", string="Needs Captured")
    need_served_share = fields.Float(
        compute="_compute_figures", string="Needs Served (%)", digits=(16, 1))
    need_median_days = fields.Float(
        compute="_compute_figures", string="Median Days to Course Start", digits=(16, 1))
    course_count = fields.Integer(compute="_compute_figures", string="Courses Held")
    participant_count = fields.Integer(compute="_compute_figures", string="Participants")
    participant_hours = fields.Float(
        compute="_compute_figures", string="Participant-Hours", digits=(16, 1))
    attendance_rate = fields.Float(
        compute="_compute_figures", string="Attendance Rate (%)", digits=(16, 1))
    certificate_count = fields.Integer(compute="_compute_figures", string="Certificates")
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_figures", string="Currency")
    fees_billed = fields.Monetary(compute="_compute_figures", string="Billed to Companies")
    fees_funding = fields.Monetary(compute="_compute_figures", string="Covered by Funding")
    fees_open = fields.Monetary(compute="_compute_figures", string="Open Amounts")
    money_hidden = fields.Boolean(
        compute="_compute_figures", string="Amounts Hidden",
        help="Too few companies or providers stand behind the period's amounts to show "
             "them to anyone but the coordinator.")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_to < wizard.date_from:
                raise ValidationError(_(
                    "To: the end of the period (%s) is before its start (%s).")
                    % (wizard.date_to, wizard.date_from))

    @api.model
    def create(self, vals):
        # transient models have no access rights of their own: refuse early and clearly
        self.env["qnetz.report.figures"]._check_report_access()
        return super(QnetzReportWizard, self).create(vals)

    def _get_figures(self):
        self.ensure_one()
        return self.env["qnetz.report.figures"].compute(
            self.date_from, self.date_to, self.district_ids.ids)

    @api.depends("date_from", "date_to", "district_ids")
    def _compute_figures(self):
        for wizard in self:
            wizard.currency_id = self.env.user.company_id.currency_id
            try:
                figures = wizard._get_figures()
            except UserError as error:
                # while the user is still typing the period, say what is wrong
                wizard.figures_error = error.name
                wizard.figures_html = False
                wizard.money_hidden = False
                continue
            wizard.figures_error = False
            wizard.figures_empty = figures["empty"]
            html = self.env["ir.qweb"].render(
                "qnetz_courses.report_qnetz_figures_tables", {"figures": figures})
            wizard.figures_html = html.decode("utf-8") if isinstance(html, bytes) else html
            wizard.money_hidden = "total" in figures["money_hidden"]
            for field_name, row_key in KEY_FIGURES.items():
                wizard[field_name] = figures["totals"].get(row_key) or 0

    def _check_ready(self):
        self.ensure_one()
        # raises the translated message for a missing or reversed period
        self.env["qnetz.report.figures"]._check_period(self.date_from, self.date_to)

    @api.multi
    def action_print_pdf(self):
        self._check_ready()
        return self.env.ref("qnetz_courses.action_report_qnetz_figures").report_action(self)

    @api.multi
    def action_export_xlsx(self):
        self._check_ready()
        params = {"date_from": self.date_from, "date_to": self.date_to}
        if self.district_ids:
            params["district_ids"] = ",".join(str(i) for i in self.district_ids.ids)
        return {
            "type": "ir.actions.act_url",
            "url": "/qnetz/report/xlsx?%s" % url_encode(params),
            "target": "self",
        }

    @api.multi
    def action_open_analysis(self):
        self._check_ready()
        action = self.env.ref("qnetz_courses.qnetz_report_analysis_action").read()[0]
        domain = [("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        if self.district_ids:
            domain.append(("district_id", "in", self.district_ids.ids))
        action["domain"] = domain
        return action
