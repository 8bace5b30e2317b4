from odoo import fields, models


class QnetzFunderClaimLine(models.Model):
    """One course on a funder claim: the sum of its funded parts in the claim."""

    _name = "qnetz.funder.claim.line"
    _description = "Funder Claim Line"
    _order = "claim_id, event_id"

    claim_id = fields.Many2one("qnetz.funder.claim", string="Claim", required=True,
                               ondelete="cascade", index=True)
    event_id = fields.Many2one("event.event", string="Course", required=True,
                               ondelete="restrict", index=True)
    part_count = fields.Integer(string="Participants' Parts")
    currency_id = fields.Many2one(related="claim_id.currency_id", readonly=True)
    amount = fields.Monetary()
