from odoo import api, models


class EventEventCalendar(models.Model):
    _inherit = "event.event"

    @api.model
    def _qnetz_course_ics(self, course_id):
        """The public .ics of one catalogue course, or None when it is not in the catalogue.

        Only courses the public catalogue lists qualify; the calendar holds their dates,
        venue and provider, nothing about participants.
        """
        course = self.sudo().search(
            self._qnetz_catalogue_domain() + [("id", "=", int(course_id))], limit=1)
        if not course or not hasattr(course, "_qnetz_ics"):
            return None
        return course._qnetz_ics()
