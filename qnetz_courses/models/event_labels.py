from odoo import fields, models


class EventEvent(models.Model):
    """Every event of this database is a network course: the stock labels say so.

    German Odoo calls an event "Veranstaltung" or "Anlass"; the network calls it a
    course (Kurs) on every screen."""

    _inherit = "event.event"

    name = fields.Char(string="Course Title")
    address_id = fields.Many2one(string="Venue")


class EventRegistration(models.Model):
    _inherit = "event.registration"

    event_id = fields.Many2one(string="Course")
