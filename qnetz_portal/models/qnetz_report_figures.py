from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

NETWORK_READER = "qnetz_base.group_qnetz_network"


class QnetzReportFigures(models.AbstractModel):
    _inherit = "qnetz.report.figures"

    @api.model
    def qnetz_portal_figures(self, date_from=None, date_to=None):
        """The network reader's page: the network's figures of a period and the targets of
        the funded projects running in it, nothing else.

        Returns a dict: figures (compute()'s dict or None), targets (per project: its name
        and formatted rows of target, actual and forecast) and error (what is wrong with
        the period the reader typed, or None). Without a period: this year so far."""
        if not self.env.user.has_group(NETWORK_READER):
            raise AccessError(_("Only the network's readers may see the network's figures."))
        if not date_from and not date_to:
            today = fields.Date.from_string(fields.Date.context_today(self))
            date_from, date_to = "%d-01-01" % today.year, fields.Date.to_string(today)
        try:
            figures = self.compute(date_from, date_to)
        except UserError as error:
            return {"figures": None, "targets": [], "error": error.name}
        return {"figures": figures, "error": None,
                "targets": self._qnetz_portal_targets(figures["date_from"], figures["date_to"])}

    @api.model
    def _qnetz_portal_targets(self, date_from, date_to):
        # the projects are the coordinator's records: read as superuser, and only the rows
        # of target, actual and forecast leave this method (no budget, no claim)
        projects = self.env["qnetz.project"].sudo().search(
            [("date_start", "<=", date_to), ("date_end", ">=", date_from)])
        result = []
        for project in projects:
            rows = [dict(row, **{key + "_display": self._format(row[key], row["type"])
                                 for key in ("target", "actual", "forecast")})
                    for row in project.target_ids._qnetz_report_rows()]
            if rows:
                result.append({"name": project.name, "rows": rows})
        return result

    @api.model
    def _qnetz_report_reader(self):
        return super(QnetzReportFigures, self)._qnetz_report_reader() \
            or self.env.user.has_group(NETWORK_READER)
