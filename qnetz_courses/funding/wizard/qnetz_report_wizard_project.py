from werkzeug.urls import url_decode, url_encode

from odoo import api, fields, models


class QnetzReportWizard(models.TransientModel):
    """The funding body's report also holds the project's targets against the actuals and
    the forecast, as of the end of the period."""

    _inherit = "qnetz.report.wizard"

    def _default_project(self):
        return self.env["qnetz.project"]._qnetz_project_for_date(
            fields.Date.context_today(self))

    project_id = fields.Many2one(
        "qnetz.project", string="Funded Project", default=_default_project,
        help="Adds the project's targets, actuals and forecast to the PDF and the XLSX.")

    def _get_figures(self):
        figures = super(QnetzReportWizard, self)._get_figures()
        return self.project_id._qnetz_add_targets(figures)

    @api.depends("date_from", "date_to", "district_ids", "project_id")
    def _compute_figures(self):
        return super(QnetzReportWizard, self)._compute_figures()

    @api.multi
    def action_export_xlsx(self):
        action = super(QnetzReportWizard, self).action_export_xlsx()
        if self.project_id:
            path, _sep, query = action["url"].partition("?")
            params = url_decode(query).to_dict()
            params["project_id"] = self.project_id.id
            action["url"] = "%s?%s" % (path, url_encode(params))
        return action
