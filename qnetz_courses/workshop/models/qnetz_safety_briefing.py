from odoo import fields, models


class QnetzSafetyBriefing(models.Model):
    """An apprentice's safety briefing at a machine: given once, valid for all later
    practice time at that machine."""

    _name = "qnetz.safety.briefing"
    _description = "Safety Briefing"
    _order = "date desc, id desc"

    apprentice_id = fields.Many2one("res.partner", string="Apprentice", required=True,
                                    index=True, ondelete="cascade")
    machine_id = fields.Many2one("qnetz.machine", required=True, index=True,
                                 ondelete="cascade")
    workshop_id = fields.Many2one(related="machine_id.workshop_id", store=True, readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    booking_id = fields.Many2one("qnetz.practice.booking", string="Given at",
                                 ondelete="set null")

    _sql_constraints = [
        ("apprentice_machine_uniq", "unique(apprentice_id, machine_id)",
         "Safety Briefing: this apprentice was already briefed at this machine."),
    ]
