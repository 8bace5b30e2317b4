from odoo import api, models


class ReportQnetzFigures(models.AbstractModel):
    """The network's figures for the funding body: aggregates only, no names."""

    _name = "report.qnetz_courses.report_qnetz_figures"
    _description = "Network Figures Report"

    @api.model
    def get_report_values(self, docids, data=None):
        Figures = self.env["qnetz.report.figures"]
        Figures._check_report_access()
        data = data or {}
        if data.get("date_from") or data.get("date_to"):
            figures = Figures.compute(
                data.get("date_from"), data.get("date_to"), data.get("district_ids") or [])
            wizards = self.env["qnetz.report.wizard"]
        else:
            wizards = self.env["qnetz.report.wizard"].browse(docids)
            wizards.ensure_one()
            figures = wizards._get_figures()
        return {
            "doc_ids": docids,
            "doc_model": "qnetz.report.wizard",
            "docs": wizards,
            "figures": figures,
        }
