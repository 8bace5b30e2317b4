from odoo import fields, models


class QnetzFunderClaimPart(models.Model):
    """A funded part claimed: the funding amount of one company invoice line (negative
    for a credit). Each line is claimed once: a unique index, not only the run's check."""

    _name = "qnetz.funder.claim.part"
    _description = "Funded Part Claimed"
    _order = "claim_id, event_id, id"

    claim_id = fields.Many2one("qnetz.funder.claim", string="Claim", required=True,
                               ondelete="cascade", index=True)
    claim_line_id = fields.Many2one("qnetz.funder.claim.line", string="Claim Line",
                                    required=True, ondelete="cascade", index=True)
    source_line_id = fields.Many2one("account.invoice.line", string="Company Invoice Line",
                                     required=True, ondelete="restrict")
    registration_id = fields.Many2one("event.registration", string="Registration",
                                      ondelete="restrict")
    event_id = fields.Many2one("event.event", string="Course", required=True,
                               ondelete="restrict", index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id", readonly=True)
    amount = fields.Monetary()

    _sql_constraints = [
        ("source_line_uniq", "unique(source_line_id)",
         "Funder Claim: this funded share has already been claimed."),
    ]
