import pytz

from odoo import api, fields, models
from odoo.tools import html_sanitize

from odoo.addons.qnetz_base.tools import like_escape

from odoo.addons.qnetz_courses.spine.course_time import COURSE_TZ_NAME, DATETIME_FORMAT

from .qnetz_offer import search_variants


class EventEvent(models.Model):
    _inherit = "event.event"

    @api.model
    def _qnetz_catalogue_domain(self):
        """Upcoming, confirmed courses of the network for the public catalogue."""
        domain = [("state", "=", "confirm"), ("date_end", ">=", fields.Datetime.now())]
        # qnetz_courses marks which events are network courses.
        if "is_qnetz_course" in self._fields:
            domain.append(("is_qnetz_course", "=", True))
        return domain

    @api.model
    def _qnetz_catalogue_courses(self, area=None, limit=None, offset=0):
        """The catalogue is public, but event.event's own rules show visitors only
        published events; the catalogue lists every confirmed network course and reads
        them as superuser, so its template must only show non-personal course data."""
        domain = self._qnetz_catalogue_domain()
        if area and "area" in self._fields:
            domain.append(("area", "=", area))
        return self.sudo().search(domain, order="date_begin, id", limit=limit, offset=offset)

    @api.model
    def _qnetz_catalogue_count(self):
        return self.sudo().search_count(self._qnetz_catalogue_domain())

    @api.model
    def _qnetz_catalogue_course(self, course_id):
        """The catalogue course with this id, as superuser, or an empty recordset:
        a course page exists exactly for the courses the catalogue lists."""
        return self.sudo().search([("id", "=", course_id)] + self._qnetz_catalogue_domain())

    @api.model
    def _qnetz_search_courses(self, search, limit=20):
        """Catalogue courses whose name, area or occupation contains every word."""
        domain = self._qnetz_catalogue_domain()
        for word in search.split():
            variants = search_variants(word)
            ors = []
            for variant in variants:
                variant = like_escape(variant)
                terms = [("name", "ilike", variant)]
                if "occupation_id" in self._fields:
                    terms.append(("occupation_id.name", "ilike", variant))
                ors += terms
            domain += ["|"] * (len(ors) - 1) + ors
        return self.sudo().search(domain, order="date_begin, id", limit=limit)

    @api.model
    def _qnetz_format_datetime(self, value, tz_name):
        if not value:
            return ""
        stamp = fields.Datetime.from_string(value)
        # The guide shows dates the German way in every language: 06.12.2026 07:00.
        tz = pytz.timezone(tz_name or COURSE_TZ_NAME)
        return pytz.utc.localize(stamp).astimezone(tz).strftime(DATETIME_FORMAT)

    @api.multi
    def _qnetz_catalogue_rows(self):
        """What the public catalogue shows of each course, read in one go."""
        areas = dict(self._fields["area"]._description_selection(self.env))
        # One query for the sessions of all courses (the hours are stored on the course).
        session_counts = {}
        if self and "session_ids" in self._fields:
            groups = self.env["qnetz.course.session"].sudo().read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["event_id"], lazy=False)
            session_counts = {group["event_id"][0]: group["__count"] for group in groups}
        rows = []
        for course in self:
            place = course.address_id.city or ""
            district = course.district_id.name or ""
            rows.append({
                "course": course,
                "name": course.name,
                "area": areas.get(course.area, ""),
                "place": ", ".join(p for p in (place, district) if p),
                "date_begin": self._qnetz_format_datetime(course.date_begin, course.date_tz),
                "date_end": self._qnetz_format_datetime(course.date_end, course.date_tz),
                "hours": course.total_hours,
                "sessions": session_counts.get(course.id, 0),
                "seats_left": course._qnetz_free_seats(),
                "page_url": "/wegweiser/kurse/%d" % course.id,
                "occupation": course.occupation_id.name or "",
                "price": course._qnetz_price(),
            })
        return rows

    @api.multi
    def _qnetz_module_html(self):
        """What the course's module is about, for its public page; sanitised again when
        shown, since a translation typed into the translation dialog skips the field's
        own sanitiser."""
        self.ensure_one()
        if "module_id" not in self._fields:
            return ""
        return html_sanitize(self.sudo().module_id.description or "",
                             sanitize_attributes=True, strip_style=True)

    @api.multi
    def _qnetz_session_rows(self):
        """The course's sessions for its public page: name, start and end time."""
        self.ensure_one()
        if "session_ids" not in self._fields:
            return []
        return [{
            "name": session.name,
            "date_begin": self._qnetz_format_datetime(session.date_begin, self.date_tz),
            "time_end": self._qnetz_format_datetime(session.date_end, self.date_tz)[-5:],
        } for session in self.session_ids.sorted("date_begin")]
