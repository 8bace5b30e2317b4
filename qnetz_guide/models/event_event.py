from odoo import api, fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    @api.model
    def _guide_catalogue_domain(self):
        """Upcoming, confirmed courses of the network for the public catalogue."""
        domain = [("state", "=", "confirm"), ("date_end", ">=", fields.Datetime.now())]
        # qnetz_courses marks which events are network courses.
        if "is_qnetz_course" in self._fields:
            domain.append(("is_qnetz_course", "=", True))
        return domain

    @api.model
    def _guide_catalogue_courses(self, area=None, limit=None):
        """The catalogue is public, but event.event's own rules show visitors only
        published events; the catalogue lists every confirmed network course and reads
        them as superuser, so its template must only show non-personal course data."""
        domain = self._guide_catalogue_domain()
        if area and "qnetz_area" in self._fields:
            domain.append(("qnetz_area", "=", area))
        return self.sudo().search(domain, order="date_begin, id", limit=limit)

    @api.multi
    def _guide_catalogue_rows(self):
        """What the public catalogue shows of each course, read in one go. Fields of
        qnetz_courses are used when they are there, so the guide keeps working alone."""
        fields_ = self._fields
        areas = dict(fields_["qnetz_area"]._description_selection(self.env)) \
            if "qnetz_area" in fields_ else {}
        rows = []
        for course in self:
            place = course.address_id.city or ""
            district = course.district_id.name if "district_id" in fields_ else ""
            if course.seats_availability == "unlimited":
                seats = None
            else:
                seats = max(course.seats_available, 0)
            rows.append({
                "course": course,
                "name": course.name,
                "area": areas.get(course.qnetz_area, "") if areas else "",
                "place": ", ".join(p for p in (place, district) if p),
                "date_begin": course.date_begin_located,
                "date_end": course.date_end_located,
                "hours": course.total_hours if "total_hours" in fields_ else 0,
                "sessions": course.session_count if "session_count" in fields_ else 0,
                "seats_left": seats,
                "url": course.website_url if course.website_published else "",
            })
        return rows
