from odoo import fields, models


class QnetzBundleWizard(models.TransientModel):
    """The course made from needs may be given its workshop; its sessions are then planned
    where the module's machine places are free (event.event._qnetz_place_conflicts)."""

    _inherit = "qnetz.bundle.wizard"

    workshop_id = fields.Many2one(
        "qnetz.workshop", string="Workshop",
        help="For a practical module: where its machines are. Empty: the planner chooses "
             "a workshop with enough free places.")

    def _course_values(self, name):
        values = super(QnetzBundleWizard, self)._course_values(name)
        values["workshop_id"] = self.workshop_id.id
        return values
