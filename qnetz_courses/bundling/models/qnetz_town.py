import math

from odoo import api, fields, models

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1, lon1, lat2, lon2):
    """Straight-line (great-circle) distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class QnetzTown(models.Model):
    """A town of the network's districts with its coordinates: the travel to a course's
    venue is estimated from the straight-line distances between towns."""

    _name = "qnetz.town"
    _description = "Town"
    _order = "name"

    name = fields.Char(required=True, index=True)
    district_id = fields.Many2one("qnetz.district", string="District", required=True,
                                  ondelete="restrict")
    latitude = fields.Float(digits=(9, 6), required=True)
    longitude = fields.Float(digits=(9, 6), required=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "This town already exists."),
    ]

    @api.model
    def _qnetz_by_name(self):
        """{lower-case name: town} of all towns: a partner's city finds its town."""
        return {town.name.strip().lower(): town for town in self.sudo().search([])}

    @api.multi
    def _qnetz_distance(self, other):
        self.ensure_one()
        return distance_km(self.latitude, self.longitude, other.latitude, other.longitude)
