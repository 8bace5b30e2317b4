from odoo import api, fields, models


class QnetzProjectActual(models.Model):
    """Target, actual and forecast of each project target per month of the term, for the
    graph: rebuilt from qnetz.report.figures by the project's *Refresh* button and the
    daily job, never edited by hand."""

    _name = "qnetz.project.actual"
    _description = "Project Target per Month"
    _order = "project_id, target_id, month, kind"

    project_id = fields.Many2one("qnetz.project", string="Project", required=True,
                                 ondelete="cascade", index=True, readonly=True)
    target_id = fields.Many2one("qnetz.project.target", string="Target", required=True,
                                ondelete="cascade", index=True, readonly=True)
    indicator = fields.Selection(related="target_id.indicator", store=True, readonly=True)
    month = fields.Date(required=True, readonly=True)
    month_index = fields.Integer(string="Month of the Term", readonly=True)
    kind = fields.Selection(
        [("target", "Target"), ("actual", "Actual"), ("forecast", "Forecast")],
        string="Series", required=True, readonly=True)
    value = fields.Float(string="Value (cumulative)", digits=(16, 2), readonly=True)

    @api.model
    def _qnetz_refresh(self, projects, today=None):
        """Rebuild the monthly series of `projects`: one figures computation per elapsed
        month (cumulative from the start of the term), the target and the forecast as
        straight lines."""
        Figures = self.env["qnetz.report.figures"]
        self.sudo().search([("project_id", "in", projects.ids)]).unlink()
        rows = []
        for project in projects:
            targets = project.target_ids
            if not targets:
                continue
            day = project._qnetz_today(today)
            total = project.month_count
            elapsed = min(project._qnetz_month_index(day), total)
            cumulative = {}
            for index in range(1, elapsed + 1):
                first, last = project._qnetz_month_bounds(index)
                end = min(last, day)
                cumulative[index] = Figures.compute(
                    project.date_start, fields.Date.to_string(end))["totals"]
            for target in targets:
                actual_now = float(cumulative.get(elapsed, {}).get(target.indicator) or 0.0)
                for index in range(1, total + 1):
                    first, _last = project._qnetz_month_bounds(index)
                    base = {"project_id": project.id, "target_id": target.id,
                            "month": fields.Date.to_string(first), "month_index": index}
                    rows.append(dict(base, kind="target",
                                     value=target.target_value * index / total))
                    if index <= elapsed:
                        rows.append(dict(base, kind="actual", value=float(
                            cumulative[index].get(target.indicator) or 0.0)))
                    if elapsed >= 1 and index >= elapsed:
                        rows.append(dict(base, kind="forecast",
                                         value=actual_now * index / elapsed))
        for values in rows:
            self.sudo().create(values)
        return True

    @api.model
    def _qnetz_cron_refresh(self):
        today = fields.Date.context_today(self)
        projects = self.env["qnetz.project"].search([("date_start", "<=", today)])
        return self._qnetz_refresh(projects)
