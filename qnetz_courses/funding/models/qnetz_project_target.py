from odoo import _, api, fields, models

# The indicators of the reporting (row keys of qnetz.report.figures) that add up over
# time, so that a straight line through the term makes a forecast. Shares, rates and
# medians do not, and are not targets here.
COUNT_INDICATORS = [
    "companies", "companies_sme", "young_people", "young_learning", "young_gap_general",
    "young_gap_theory", "young_gap_practice", "young_refugee", "young_sme", "needs",
]
COURSE_INDICATORS = ["courses", "participants", "participant_hours", "certificates"]
MONEY_INDICATORS = ["fees_gross", "fees_billed", "fees_funding"]


class QnetzProjectTarget(models.Model):
    """A target of the funded project for one indicator of the reporting, held against
    the actual figure (from qnetz.report.figures, the service behind the dashboard) and a
    straight-line forecast to the end of the term."""

    _name = "qnetz.project.target"
    _description = "Project Target"
    _order = "project_id, sequence, id"

    @api.model
    def _indicator_selection(self):
        areas = self.env["qnetz.need"]._fields["area"]._description_selection(self.env)
        labels = [
            ("companies", _("Companies reached")),
            ("companies_sme", _("of which SMEs")),
            ("young_people", _("Young people reached (target-group profiles)")),
            ("young_learning", _("with learning difficulties")),
            ("young_gap_general", _("with gaps in general education")),
            ("young_gap_theory", _("with gaps in technical theory")),
            ("young_gap_practice", _("with gaps in technical practice")),
            ("young_refugee", _("refugees and immigrants")),
            ("young_sme", _("trained in an SME")),
            ("needs", _("Needs captured")),
        ]
        labels += [("needs_area_%s" % area, _("Needs: %s") % label) for area, label in areas]
        labels += [
            ("courses", _("Courses held")),
            ("participants", _("Participants")),
            ("participant_hours", _("Participant-hours attended")),
            ("certificates", _("Certificates issued")),
            ("fees_gross", _("Course fees (gross)")),
            ("fees_billed", _("Billed to companies")),
            ("fees_funding", _("Covered by funding")),
        ]
        return labels

    project_id = fields.Many2one("qnetz.project", string="Project", required=True,
                                 ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    indicator = fields.Selection("_indicator_selection", required=True)
    target_value = fields.Float(string="Target", digits=(16, 2))
    actual_value = fields.Float(string="Actual", compute="_compute_progress", digits=(16, 2))
    target_to_date = fields.Float(string="Target to Date", compute="_compute_progress",
                                  digits=(16, 2),
                                  help="The target's share of the months elapsed.")
    forecast_value = fields.Float(
        string="Forecast", compute="_compute_progress", digits=(16, 2),
        help="The actual figure continued on a straight line to the end of the term.")
    forecast_ratio = fields.Float(string="Forecast / Target (%)", compute="_compute_progress",
                                  digits=(16, 1))
    month_elapsed = fields.Integer(string="Month of the Term", compute="_compute_progress")

    _sql_constraints = [
        ("indicator_uniq", "unique(project_id, indicator)",
         "Indicator: the project already has a target for this indicator."),
    ]

    @api.multi
    def _qnetz_progress(self, today=None):
        """{target id: {actual, target_to_date, forecast, ratio, month}} on `today`.

        Actual: the figure over the term up to `today` (one computation per project).
        Forecast: actual / months elapsed × months of the term; the month `today` falls
        in counts as elapsed (month 1 of 18 multiplies the actual by 18, month 18 keeps
        it). Before the term nothing is forecast; after it the actual is final.
        """
        result = {}
        Figures = self.env["qnetz.report.figures"]
        for project in self.mapped("project_id"):
            day = project._qnetz_today(today)
            total = project.month_count
            month = min(project._qnetz_month_index(day), total)
            targets = self.filtered(lambda t: t.project_id == project)
            totals = {}
            if month >= 1:
                end = min(day, fields.Date.from_string(project.date_end))
                totals = Figures.compute(project.date_start, fields.Date.to_string(end))["totals"]
            for target in targets:
                actual = float(totals.get(target.indicator) or 0.0) if month >= 1 else 0.0
                forecast = actual * total / month if month >= 1 else 0.0
                to_date = target.target_value * max(month, 0) / total if total else 0.0
                result[target.id] = {
                    "actual": round(actual, 2),
                    "target_to_date": round(to_date, 2),
                    "forecast": round(forecast, 2),
                    "ratio": round(100.0 * forecast / target.target_value, 1)
                    if target.target_value else 0.0,
                    "month": max(month, 0),
                }
        return result

    def _compute_progress(self):
        progress = self.filtered("project_id")._qnetz_progress()
        for target in self:
            values = progress.get(target.id) or {}
            target.actual_value = values.get("actual", 0.0)
            target.target_to_date = values.get("target_to_date", 0.0)
            target.forecast_value = values.get("forecast", 0.0)
            target.forecast_ratio = values.get("ratio", 0.0)
            target.month_elapsed = values.get("month", 0)

    @api.multi
    def _qnetz_report_rows(self, today=None):
        """Target, actual and forecast per target, for the funding body's PDF and XLSX."""
        progress = self._qnetz_progress(today)
        labels = dict(self._indicator_selection())
        rows = []
        for target in self:
            values = progress[target.id]
            kind = "money" if target.indicator in MONEY_INDICATORS else (
                "hours" if target.indicator == "participant_hours" else "int")
            rows.append({"key": target.indicator, "label": labels.get(target.indicator),
                         "type": kind, "target": target.target_value,
                         "target_to_date": values["target_to_date"],
                         "actual": values["actual"], "forecast": values["forecast"],
                         "ratio": values["ratio"]})
        return rows
