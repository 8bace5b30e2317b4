from odoo import _, api, models
from odoo.exceptions import UserError


class QnetzReportFigures(models.AbstractModel):
    _inherit = "qnetz.report.figures"

    @api.model
    def _qnetz_extend(self, figures, params):
        """The funded project's targets against the actuals, for `project_id`."""
        figures = super(QnetzReportFigures, self)._qnetz_extend(figures, params)
        project_id = params.get("project_id")
        if not project_id:
            return figures
        project = self.env["qnetz.project"].browse(
            int(project_id) if project_id.isdigit() else 0).exists()
        if not project:
            raise UserError(_("Project: '%s' is not a funded project.") % project_id)
        return project._qnetz_add_targets(figures)
