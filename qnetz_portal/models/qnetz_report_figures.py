from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

NETWORK_READER = "qnetz_base.group_qnetz_network"


class QnetzReportFigures(models.AbstractModel):
    _inherit = "qnetz.report.figures"

    @api.model
    def qnetz_portal_figures(self, date_from=None, date_to=None):
        """The network reader's page: the network's figures of a period, nothing else.

        Returns (figures, error): the figures dict of compute(), or the message that says
        what is wrong with the period the reader typed. Without a period: this year."""
        if not self.env.user.has_group(NETWORK_READER):
            raise AccessError(_("Only the network's readers may see the network's figures."))
        if not date_from and not date_to:
            today = fields.Date.from_string(fields.Date.context_today(self))
            date_from, date_to = "%d-01-01" % today.year, fields.Date.to_string(today)
        try:
            return self.compute(date_from, date_to), None
        except UserError as error:
            return None, error.name

    @api.model
    def _qnetz_report_reader(self):
        return super(QnetzReportFigures, self)._qnetz_report_reader() \
            or self.env.user.has_group(NETWORK_READER)
