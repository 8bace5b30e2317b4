from odoo import api, fields, models


class QnetzMatchFeedback(models.Model):
    """The coordinator's choice of a module for a need: a confirmation of the
    suggestion or a correction. The matcher reads the topics of these choices as words
    of the chosen module, so a confirmed wording finds its module from then on."""

    _name = "qnetz.match.feedback"
    _description = "Module Choice for a Need"
    _order = "id desc"

    need_id = fields.Many2one("qnetz.need", string="Training Need", ondelete="set null",
                              index=True)
    topic = fields.Char(required=True, help="The need's topic when the module was chosen.")
    module_id = fields.Many2one("qnetz.course.module", string="Chosen Module",
                                required=True, ondelete="cascade", index=True)
    suggested_module_id = fields.Many2one("qnetz.course.module", string="Suggested Module",
                                          ondelete="set null")
    suggested_score = fields.Float(string="Confidence of the Suggestion")
    kind = fields.Selection([("confirmed", "Confirmed"), ("corrected", "Corrected")],
                            compute="_compute_kind", store=True)
    user_id = fields.Many2one("res.users", string="Chosen by", ondelete="set null")

    @api.depends("module_id", "suggested_module_id")
    def _compute_kind(self):
        for choice in self:
            choice.kind = "confirmed" if choice.module_id == choice.suggested_module_id \
                else "corrected"
