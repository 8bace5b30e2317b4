import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# The model programme funds the coordinator post for 18 months.
DEFAULT_TERM_MONTHS = 18


def month_start(day):
    return day.replace(day=1)


def month_end(day):
    return day.replace(day=1) + relativedelta(months=1, days=-1)


class QnetzProject(models.Model):
    """The funded project the network runs as (e.g. the model programme Land(auf)Schwung):
    its term, the funding body, the budget, milestones and report deadlines, the targets
    the reporting is held against, and the analytic account that collects the income and
    cost of its courses."""

    _name = "qnetz.project"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Funded Project"
    _order = "date_start desc, id desc"

    def _default_date_end(self):
        start = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(
            start + relativedelta(months=DEFAULT_TERM_MONTHS, days=-1))

    name = fields.Char(required=True, track_visibility="onchange")
    active = fields.Boolean(default=True)
    programme = fields.Char(string="Funding Programme", track_visibility="onchange")
    funder_id = fields.Many2one(
        "res.partner", string="Funding Body", required=True, track_visibility="onchange",
        help="Pays the funded share of the course fees unless a course names another funder.")
    date_start = fields.Date(string="Term Start", required=True,
                             default=fields.Date.context_today, track_visibility="onchange")
    date_end = fields.Date(string="Term End", required=True, default=_default_date_end,
                           track_visibility="onchange")
    month_count = fields.Integer(string="Months", compute="_compute_month_count")
    coordinator_id = fields.Many2one(
        "res.users", string="Coordinator", default=lambda self: self.env.user,
        track_visibility="onchange",
        help="Gets the activities ahead of each milestone and report deadline.")
    activity_days = fields.Integer(
        string="Remind Days Ahead", default=14,
        help="How many days before a milestone or deadline the coordinator gets an activity.")
    currency_id = fields.Many2one(
        "res.currency", string="Currency", readonly=True,
        default=lambda self: self.env.user.company_id.currency_id)
    # money is the coordinator's (field groups also hold for RPC reads)
    budget = fields.Monetary(groups="qnetz_base.group_qnetz_coordinator",
                             track_visibility="onchange")
    funding_rate = fields.Float(string="Funding Rate (%)",
                                groups="qnetz_base.group_qnetz_coordinator",
                                track_visibility="onchange")
    analytic_account_id = fields.Many2one(
        "account.analytic.account", string="Analytic Account", ondelete="restrict",
        groups="qnetz_base.group_qnetz_coordinator", copy=False,
        help="Set on every company invoice, funder claim and provider bill of the project's "
             "courses; created with the project when left empty.")
    claim_period = fields.Selection(
        [("month", "Monthly"), ("course_end", "At the End of a Course")],
        default="month", required=True,
        groups="qnetz_base.group_qnetz_coordinator",
        help="Monthly: one claim per funder for the funded shares billed in each past month. "
             "At the end of a course: the funded shares of finished courses.")
    claim_mode = fields.Selection(
        [("invoice", "Customer Invoice to the Funder"), ("document", "Claim Document Only")],
        string="Claim As", default="invoice", required=True,
        groups="qnetz_base.group_qnetz_coordinator")
    course_ids = fields.One2many("event.event", "project_id", string="Courses")
    milestone_ids = fields.One2many("qnetz.project.milestone", "project_id",
                                    string="Milestones and Deadlines")
    target_ids = fields.One2many("qnetz.project.target", "project_id", string="Targets")
    claim_ids = fields.One2many("qnetz.funder.claim", "project_id", string="Funder Claims",
                                groups="qnetz_base.group_qnetz_coordinator")

    # the project's reconciliation: sums of qnetz.course.reconciliation over its courses
    fee_due_total = fields.Monetary(string="Fees Due", compute="_compute_reconciliation",
                                    groups="qnetz_base.group_qnetz_coordinator")
    company_amount_total = fields.Monetary(string="Company Invoices",
                                           compute="_compute_reconciliation",
                                           groups="qnetz_base.group_qnetz_coordinator")
    funding_claimed_total = fields.Monetary(string="Claimed from Funders",
                                            compute="_compute_reconciliation",
                                            groups="qnetz_base.group_qnetz_coordinator")
    difference_total = fields.Monetary(string="Difference", compute="_compute_reconciliation",
                                       groups="qnetz_base.group_qnetz_coordinator")
    provider_cost_total = fields.Monetary(string="Provider Cost",
                                          compute="_compute_reconciliation",
                                          groups="qnetz_base.group_qnetz_coordinator")
    result_total = fields.Monetary(string="Result", compute="_compute_reconciliation",
                                   groups="qnetz_base.group_qnetz_coordinator")
    unreconciled_count = fields.Integer(string="Courses Not Reconciled",
                                        compute="_compute_reconciliation",
                                        groups="qnetz_base.group_qnetz_coordinator")

    def _compute_reconciliation(self):
        sums = ("fee_due", "company_amount", "funding_claimed", "difference", "provider_cost",
                "result")
        Reconciliation = self.env["qnetz.course.reconciliation"]
        groups = Reconciliation.read_group(
            [("project_id", "in", self.ids)], list(sums) + ["project_id"], ["project_id"])
        by_project = {group["project_id"][0]: group for group in groups}
        open_groups = Reconciliation.read_group(
            [("project_id", "in", self.ids), ("reconciled", "=", False)], ["project_id"],
            ["project_id"])
        open_counts = {group["project_id"][0]: group["project_id_count"]
                       for group in open_groups}
        for project in self:
            group = by_project.get(project.id, {})
            for name in sums:
                project["%s_total" % name] = group.get(name) or 0.0
            project.unreconciled_count = open_counts.get(project.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_term(self):
        for project in self:
            if project.date_end < project.date_start:
                raise ValidationError(_("Term End: the end of the term (%s) is before its "
                                        "start (%s).") % (project.date_end, project.date_start))

    @api.constrains("funding_rate")
    def _check_funding_rate(self):
        for project in self.sudo():
            if not 0 <= project.funding_rate <= 100:
                raise ValidationError(_("Funding Rate: %s is not between 0 and 100 %%.")
                                      % project.funding_rate)

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start:
            start = fields.Date.from_string(self.date_start)
            self.date_end = fields.Date.to_string(
                start + relativedelta(months=DEFAULT_TERM_MONTHS, days=-1))

    @api.depends("date_start", "date_end")
    def _compute_month_count(self):
        for project in self:
            if project.date_start and project.date_end:
                project.month_count = project._qnetz_month_index(project.date_end)

    @api.model
    def create(self, vals):
        if vals.get("date_start") and not vals.get("date_end"):
            # the default term counts from the start given, not from today
            start = fields.Date.from_string(vals["date_start"])
            vals = dict(vals, date_end=fields.Date.to_string(
                start + relativedelta(months=DEFAULT_TERM_MONTHS, days=-1)))
        project = super(QnetzProject, self).create(vals)
        if not project.sudo().analytic_account_id:
            # the account is the project's own bookkeeping, named after it
            project.sudo().analytic_account_id = self.env["account.analytic.account"].sudo().create(
                {"name": project.name, "partner_id": project.funder_id.id})
        return project

    # Term arithmetic ---------------------------------------------------------

    def _qnetz_today(self, today=None):
        """The day the forecast is made on: `today`, the context's `qnetz_today`, or today."""
        value = today or self.env.context.get("qnetz_today") or fields.Date.context_today(self)
        if isinstance(value, datetime.date):
            return value
        return fields.Date.from_string(value)

    def _qnetz_month_index(self, day):
        """The month of the term `day` falls in: 1 for the first month."""
        self.ensure_one()
        if not isinstance(day, datetime.date):
            day = fields.Date.from_string(day)
        start = fields.Date.from_string(self.date_start)
        return (day.year - start.year) * 12 + day.month - start.month + 1

    def _qnetz_month_bounds(self, index):
        """First and last day of the term's month `index` (1-based), clipped to the term."""
        self.ensure_one()
        start = fields.Date.from_string(self.date_start)
        end = fields.Date.from_string(self.date_end)
        first = month_start(start) + relativedelta(months=index - 1)
        return max(first, start), min(month_end(first), end)

    @api.model
    def _qnetz_project_for_date(self, date):
        """The active project whose term holds `date` (a course's start), if any."""
        if date and not isinstance(date, str):
            date = fields.Datetime.to_string(date)
        day = (date or "")[:10]
        if not day:
            return self.browse()
        return self.search([("date_start", "<=", day), ("date_end", ">=", day)],
                           order="date_start desc", limit=1)

    # The funding body's report -------------------------------------------------

    @api.multi
    def _qnetz_add_targets(self, figures):
        """`figures` (of qnetz.report.figures.compute) with the project's targets, actuals
        and forecast as of the period's end: figures['targets'] = {project, rows}."""
        if not self:
            return figures
        self.ensure_one()
        Figures = self.env["qnetz.report.figures"]
        rows = self.target_ids._qnetz_report_rows(today=figures["date_to"])
        for row in rows:
            row["display"] = {key: Figures._format(row[key], row["type"]) for key in (
                "target", "target_to_date", "actual", "forecast")}
            row["display"]["ratio"] = Figures._format(row["ratio"], "percent")
        figures = dict(figures, targets={
            "project": self.name, "programme": self.programme or "",
            "month": self._qnetz_month_index(figures["date_to"]),
            "month_count": self.month_count, "rows": rows})
        return figures

    # Actions -------------------------------------------------------------------

    def _qnetz_check_coordinator_action(self):
        """The buttons are public methods, callable over RPC by anyone who may read a
        project (the network user): they run only for those who may change it."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def action_claim_funding(self):
        """Claim the funded shares billed so far (the coordinator's button)."""
        self._qnetz_check_coordinator_action()
        claims = self.env["qnetz.funder.claim"]._qnetz_claim_run(self)
        action = self.env.ref("qnetz_courses.qnetz_funder_claim_action").read()[0]
        action["domain"] = [("id", "in", claims.ids)] if claims else [
            ("project_id", "in", self.ids)]
        if not claims:
            action["help"] = _("<p>There was nothing new to claim.</p>")
        return action

    @api.multi
    def action_refresh_actuals(self):
        self._qnetz_check_coordinator_action()
        self.env["qnetz.project.actual"]._qnetz_refresh(self)
        return self.action_view_graph()

    def _qnetz_check_read(self):
        # the window actions reveal nothing, but are only for those who read the project
        self.check_access_rights("read")
        self.check_access_rule("read")

    @api.multi
    def action_view_graph(self):
        self.ensure_one()
        self._qnetz_check_read()
        action = self.env.ref("qnetz_courses.qnetz_project_actual_action").read()[0]
        action["domain"] = [("project_id", "=", self.id)]
        return action

    @api.multi
    def action_view_reconciliation(self):
        self._qnetz_check_read()
        action = self.env.ref("qnetz_courses.qnetz_course_reconciliation_action").read()[0]
        action["domain"] = [("project_id", "in", self.ids)]
        return action

    @api.multi
    def action_view_courses(self):
        self._qnetz_check_read()
        action = self.env.ref("qnetz_courses.qnetz_course_action").read()[0]
        action["domain"] = [("project_id", "in", self.ids)]
        action["context"] = {"default_qnetz_project_id": self.id if len(self) == 1 else False}
        return action

    @api.model
    def _qnetz_cron_claims(self):
        """Daily job: claim the funded shares of every running project."""
        today = fields.Date.context_today(self)
        projects = self.search([("date_start", "<=", today)])
        if not projects:
            return True
        self.env["qnetz.funder.claim"]._qnetz_claim_run(projects)
        return True

    @api.multi
    def unlink(self):
        if self.sudo().mapped("claim_ids"):
            raise UserError(_("Funder Claims: a project with claims cannot be deleted; "
                              "archive it instead."))
        return super(QnetzProject, self).unlink()
