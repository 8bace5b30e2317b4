from collections import OrderedDict
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.qnetz_base.models.res_partner import PROVIDER_DOMAIN

from ...spine.course_time import format_date, utc_string_to_local


class QnetzWorkshop(models.Model):
    """A workshop of an education provider or a vocational school whose machines the
    network can book: for practical courses and for companies' open practice time."""

    _name = "qnetz.workshop"
    _description = "Workshop"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    owner_id = fields.Many2one(
        "res.partner", string="Provider or School", required=True, index=True,
        ondelete="restrict",
        domain=PROVIDER_DOMAIN)
    is_school = fields.Boolean(related="owner_id.is_vocational_school", store=True,
                               string="Vocational School", readonly=True)
    address_id = fields.Many2one(
        "res.partner", string="Address",
        help="Where the workshop is, when it is not at the owner's address.")
    district_id = fields.Many2one("qnetz.district", string="District", index=True)
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Time", required=True,
        default=lambda self: self.env["resource.calendar"].search([], limit=1),
        help="When the machines can be used; closures are the working time's leaves.")
    machine_ids = fields.One2many("qnetz.machine", "workshop_id", string="Machines")
    place_count = fields.Integer(string="Places", compute="_compute_place_count",
                                 help="Practice places at all machines together.")
    funding_share = fields.Float(
        string="Funding Share (%)",
        help="Percentage of the practice time's price covered by the funding programme; "
             "the companies pay the rest. Empty: the share of the funded project on the "
             "day, as for courses.")
    note = fields.Text(string="Directions and Rules")

    @api.depends("machine_ids.places", "machine_ids.active")
    def _compute_place_count(self):
        for workshop in self:
            workshop.place_count = sum(workshop.machine_ids.mapped("places"))

    @api.multi
    def write(self, vals):
        result = super(QnetzWorkshop, self).write(vals)
        if vals.get("calendar_id"):
            self.mapped("machine_ids.resource_id").sudo().write(
                {"calendar_id": vals["calendar_id"]})
        return result

    @api.onchange("owner_id")
    def _onchange_owner_id(self):
        if self.owner_id and not self.district_id:
            self.district_id = self.owner_id.district_id

    def _qnetz_location(self):
        """The address to print in calendars and on the booking pages."""
        self.ensure_one()
        partner = self.address_id or self.owner_id
        return ", ".join(part for part in (
            self.name, partner.street, " ".join(filter(None, (partner.zip, partner.city))))
            if part)

    @api.model
    def _qnetz_open_practice_time(self, days=90):
        """The practice time open for booking in the next `days` days, per workshop, with
        its free places and no names of companies or apprentices: for the public guide
        and the companies' portal page (read as the system, so that every company's
        places count)."""
        now = fields.Datetime.now()
        until = fields.Datetime.to_string(
            fields.Datetime.from_string(now) + timedelta(days=days))
        slots = self.env["qnetz.machine.booking"].sudo().search([
            ("kind", "=", "practice"), ("state", "=", "open"),
            ("date_start", ">", now), ("date_start", "<", until)])
        by_workshop = OrderedDict()
        for slot in slots.sorted(lambda s: (s.workshop_id.name, s.date_start, s.id)):
            if not slot.places_free:
                continue
            workshop = slot.workshop_id
            if workshop not in by_workshop:
                partner = workshop.address_id or workshop.owner_id
                by_workshop[workshop] = {
                    "name": workshop.name, "owner": workshop.owner_id.name,
                    "district": workshop.district_id.name or "", "city": partner.city or "",
                    "slots": []}
            start = utc_string_to_local(slot.date_start)
            stop = utc_string_to_local(slot.date_stop)
            by_workshop[workshop]["slots"].append({
                "id": slot.id, "machine": slot.machine_id.name,
                "type": slot.type_id.name, "features": slot.machine_id.features or "",
                "day": format_date(start.date()),
                "time": "%s–%s" % (start.strftime("%H:%M"), stop.strftime("%H:%M")),
                "places_free": slot.places_free, "hourly_rate": slot.hourly_rate,
                "funding_share": slot.funding_share,
                "briefing": slot.machine_id.safety_briefing_required})
        return list(by_workshop.values())
