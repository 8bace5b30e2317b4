from odoo import api, fields, models

# The weekdays a course or a school can take, with Python's numbers (Monday = 0).
WEEKDAYS = [("mon", 0), ("tue", 1), ("wed", 2), ("thu", 3), ("fri", 4), ("sat", 5)]


class QnetzWeekdayMixin(models.AbstractModel):
    """A weekly rhythm of ticked weekdays: the vocational school's days, a course's
    session pattern in the bundle wizard and the session generator."""

    _name = "qnetz.weekday.mixin"
    _description = "Weekly Rhythm"

    mon = fields.Boolean(string="Monday")
    tue = fields.Boolean(string="Tuesday")
    wed = fields.Boolean(string="Wednesday")
    thu = fields.Boolean(string="Thursday")
    fri = fields.Boolean(string="Friday")
    sat = fields.Boolean(string="Saturday")

    @api.multi
    def _qnetz_weekday_numbers(self):
        """The ticked weekdays as Python weekday numbers, Monday first."""
        self.ensure_one()
        return [number for key, number in WEEKDAYS if self[key]]
