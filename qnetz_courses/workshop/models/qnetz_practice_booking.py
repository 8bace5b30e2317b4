from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...billing.models.event_event_billing import to_cents
from ...calendar import ics
from ...spine.course_time import format_datetime, utc_string_to_local
from ...spine.models.event_registration import ACTIVE_STATES

# Bookings that take places of their slot.
TAKING_STATES = ("requested", "confirmed")


class QnetzPracticeBooking(models.Model):
    """A company's places in practice time a workshop opened (a qnetz.machine.booking of
    kind "practice"): requested by the company, confirmed or refused by the workshop's
    provider or school, billed per place and hour with the course funding rules."""

    _name = "qnetz.practice.booking"
    _description = "Practice Time Booking"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    slot_id = fields.Many2one("qnetz.machine.booking", string="Practice Time", required=True,
                              index=True, ondelete="restrict",
                              domain=[("kind", "=", "practice")])
    machine_id = fields.Many2one(related="slot_id.machine_id", store=True, readonly=True)
    workshop_id = fields.Many2one(related="slot_id.workshop_id", store=True, readonly=True)
    date_start = fields.Datetime(related="slot_id.date_start", store=True, readonly=True)
    date_stop = fields.Datetime(related="slot_id.date_stop", store=True, readonly=True)
    hours = fields.Float(related="slot_id.duration", store=True, readonly=True)
    company_id = fields.Many2one("res.partner", string="Company", required=True, index=True,
                                 ondelete="restrict",
                                 domain=[("is_training_company", "=", True)])
    apprentice_ids = fields.Many2many(
        "res.partner", "qnetz_practice_booking_apprentice_rel", "booking_id", "apprentice_id",
        string="Apprentices", domain=[("is_apprentice", "=", True)])
    places = fields.Integer(compute="_compute_places", store=True)
    state = fields.Selection(
        [("requested", "Requested"), ("confirmed", "Confirmed"), ("refused", "Refused"),
         ("cancel", "Cancelled")],
        required=True, default="requested", index=True, track_visibility="onchange")
    briefing_missing_ids = fields.Many2many(
        "res.partner", compute="_compute_briefing_missing", string="Safety Briefing Missing",
        help="Apprentices who still need the safety briefing at this machine.")
    gross_amount = fields.Float(string="Price", compute="_compute_amounts")
    funding_amount = fields.Float(string="Funded", compute="_compute_amounts")
    company_amount = fields.Float(string="Company Share", compute="_compute_amounts")
    invoice_line_ids = fields.One2many("account.invoice.line", "practice_booking_id",
                                       string="Invoice Lines", readonly=True)

    _sql_constraints = [
        ("places_positive", "CHECK(places > 0)", "Apprentices: name at least one apprentice."),
    ]

    @api.depends("apprentice_ids")
    def _compute_places(self):
        for booking in self:
            booking.places = len(booking.apprentice_ids)

    def _compute_briefing_missing(self):
        briefed = self._qnetz_briefed_pairs()
        for booking in self:
            if not booking.machine_id.safety_briefing_required:
                booking.briefing_missing_ids = False
                continue
            booking.briefing_missing_ids = booking.apprentice_ids.filtered(
                lambda a: (a.id, booking.machine_id.id) not in briefed)

    def _qnetz_briefed_pairs(self):
        if not self:
            return set()
        briefings = self.env["qnetz.safety.briefing"].sudo().search_read(
            [("apprentice_id", "in", self.mapped("apprentice_ids").ids),
             ("machine_id", "in", self.mapped("machine_id").ids)],
            ["apprentice_id", "machine_id"])
        return {(b["apprentice_id"][0], b["machine_id"][0]) for b in briefings}

    def _qnetz_amount_cents(self):
        """(gross, company, funded) in cents: the slot's rate per place and hour, the
        funded share as for course fees (event.event._qnetz_participant_amounts)."""
        self.ensure_one()
        slot = self.slot_id.sudo()  # the booking's own slot, also once cancelled
        gross = to_cents(slot.hourly_rate * slot.duration * self.places)
        company = to_cents(slot.hourly_rate * slot.duration * self.places
                           * (100.0 - slot.funding_share) / 100.0)
        return gross, company, gross - company

    @api.depends("slot_id.hourly_rate", "slot_id.duration", "slot_id.funding_share", "places")
    def _compute_amounts(self):
        for booking in self:
            gross, company, funding = booking._qnetz_amount_cents()
            booking.gross_amount = gross / 100.0
            booking.company_amount = company / 100.0
            booking.funding_amount = funding / 100.0

    def name_get(self):
        # the slot is read as the network: a booking its company may see names its slot even
        # after the provider cancelled it (the portal's rule shows only open slots)
        return [(booking.id, "%s: %s" % (booking.company_id.name,
                                         booking.slot_id.sudo().display_name))
                for booking in self]

    # ------------------------------------------------------------------ the flow

    @api.model
    def _qnetz_book(self, slot, company, apprentices):
        """A company books places for `apprentices` in the practice time `slot`.

        The slot's row is locked first, so that two companies booking its last place at
        the same time cannot both get it."""
        if slot.kind != "practice" or slot.state != "open":
            raise UserError(_("Practice Time: %s is not open for booking.") % slot.display_name)
        if slot.date_start <= fields.Datetime.now():
            raise UserError(_("Practice Time: %s has already begun.") % slot.display_name)
        if not apprentices:
            raise UserError(_("Apprentices: name at least one apprentice."))
        foreign = apprentices.filtered(lambda a: a.employer_id != company or not a.is_apprentice)
        if foreign:
            raise UserError(_("Apprentices: %s are not apprentices of %s.") % (
                ", ".join(foreign.mapped("name")), company.name))
        # The slot's row is written, not only locked: Odoo's transactions read a snapshot
        # taken before the lock, and only a row the first booker changed makes the second
        # fail to serialize (Odoo then runs it again, on a snapshot with the first booking).
        # A row that is merely locked lets the second go on counting the old free places.
        self.env.cr.execute("UPDATE qnetz_machine_booking SET write_date = (now() AT TIME ZONE "
                            "'UTC') WHERE id = %s", (slot.id,))
        slot.invalidate_cache(["places_taken", "places_free"])
        already = slot.practice_booking_ids.filtered(
            lambda b: b.state in TAKING_STATES).mapped("apprentice_ids") & apprentices
        if already:
            raise UserError(_("Apprentices: %s already have a place in this practice time.")
                            % ", ".join(already.mapped("name")))
        elsewhere = self.sudo().search([
            ("state", "in", TAKING_STATES), ("apprentice_ids", "in", apprentices.ids),
            ("slot_id", "!=", slot.id), ("slot_id.date_start", "<", slot.date_stop),
            ("slot_id.date_stop", ">", slot.date_start)])
        if elsewhere:
            raise UserError(_("Apprentices: %s already have a place at the same time (%s).") % (
                ", ".join((elsewhere.mapped("apprentice_ids") & apprentices).mapped("name")),
                ", ".join(elsewhere.mapped("slot_id.display_name"))))
        if len(apprentices) > slot.places_free:
            raise UserError(_("Places: %d free in %s, %d asked for.") % (
                slot.places_free, slot.display_name, len(apprentices)))
        return self.create({"slot_id": slot.id, "company_id": company.id,
                            "apprentice_ids": [(6, 0, apprentices.ids)]})

    @api.multi
    def _qnetz_confirm(self):
        for booking in self:
            if booking.state != "requested":
                raise UserError(_("Practice Time: only a requested booking can be confirmed "
                                  "(%s).") % booking.display_name)
        self.write({"state": "confirmed"})
        return True

    @api.multi
    def _qnetz_refuse(self):
        for booking in self:
            if booking.state not in TAKING_STATES or booking.invoice_line_ids:
                raise UserError(_("Practice Time: %s can no longer be refused.")
                                % booking.display_name)
        self.write({"state": "refused"})
        return True

    @api.multi
    def _qnetz_record_briefings(self, day=None):
        """The workshop records the safety briefing of the apprentices who still need it
        at the booking's machine; once per apprentice and machine."""
        Briefing = self.env["qnetz.safety.briefing"]
        created = Briefing
        for booking in self:
            if booking.state != "confirmed":
                raise UserError(_("Safety Briefing: confirm the booking first (%s).")
                                % booking.display_name)
            for apprentice in booking.briefing_missing_ids:
                created |= Briefing.create({
                    "apprentice_id": apprentice.id, "machine_id": booking.machine_id.id,
                    "booking_id": booking.id,
                    "date": day or fields.Date.context_today(self)})
        return created

    # ------------------------------------------------------------------ calendars

    @api.multi
    def _qnetz_ics_events(self, audience="company", apprentice=None):
        """The confirmed bookings as entries for ics.calendar(): the company's calendar
        names its apprentices, the provider's the company, an apprentice's only itself."""
        events = []
        db = self.env.cr.dbname
        for booking in self.filtered(lambda b: b.state == "confirmed").sorted("date_start"):
            machine = booking.machine_id
            summary = _("Practice time: %s") % machine.name
            if audience == "provider":
                summary += " (%s, %d)" % (booking.company_id.name, booking.places)
            elif apprentice is None:
                summary += " (%s)" % ", ".join(booking.apprentice_ids.mapped("name"))
            description = machine.machine_type_id.name
            missing = booking.briefing_missing_ids
            if apprentice is not None:
                missing &= apprentice
            if missing:
                description += "\n" + _("Safety briefing before the first use: %s") % \
                    ", ".join(missing.mapped("name"))
            events.append({
                "uid": "qnetz-practice-%d-%s@%s" % (
                    booking.id, apprentice.id if apprentice else audience, db),
                "start": fields.Datetime.from_string(booking.date_start),
                "end": fields.Datetime.from_string(booking.date_stop),
                "summary": summary,
                "location": booking.workshop_id._qnetz_location(),
                "description": description,
            })
        return events

    @api.model
    def _qnetz_apprentice_ics(self, apprentice):
        """An apprentice's own calendar: its course sessions and its practice time."""
        apprentice = apprentice.sudo()
        registrations = self.env["event.registration"].sudo().search([
            ("apprentice_id", "=", apprentice.id), ("state", "in", ACTIVE_STATES),
            ("event_id.state", "!=", "draft")])
        Event = self.env["event.event"].sudo()
        entries = Event._qnetz_ics_entries(registrations.mapped("event_id.session_ids"))
        entries += self.sudo().search([
            ("apprentice_ids", "in", apprentice.ids),
            ("state", "=", "confirmed")])._qnetz_ics_events(apprentice=apprentice)
        return ics.calendar(_("Calendar of %s") % apprentice.name, entries)

    # ------------------------------------------------------------------ billing

    @api.model
    def _qnetz_billable_domain(self):
        return [("state", "=", "confirmed"), ("date_stop", "<=", fields.Datetime.now()),
                ("invoice_line_ids", "=", False)]

    @api.model
    def _qnetz_bill(self, bookings=None):
        """Invoice confirmed practice time that took place and is not billed yet: one
        invoice per company, a line per booking (places x hours x rate, less the funded
        share, as the course fees). Safe to call again: billed bookings are skipped and
        a unique index forbids billing one twice."""
        Event = self.env["event.event"]
        domain = self._qnetz_billable_domain()
        if bookings is not None:
            domain.append(("id", "in", bookings.ids))
        bookings = self.search(domain)
        if not bookings:
            return self.env["account.invoice"]
        self.env.cr.execute("SELECT id FROM qnetz_practice_booking WHERE id IN %s FOR UPDATE",
                            (tuple(bookings.ids),))
        tools = Event._qnetz_billing_tools("out_invoice")
        by_company = defaultdict(lambda: self.browse())
        for booking in bookings:
            by_company[booking.company_id] |= booking
        invoices = self.env["account.invoice"]
        for company, group in by_company.items():
            lines = [(0, 0, booking._qnetz_invoice_line_vals(tools)) for booking in group]
            vals = Event._qnetz_customer_invoice_vals(
                company, "out_invoice", tools, tools["company"].currency_id,
                _("Practice time"))
            vals.update({"name": _("Practice time"), "invoice_line_ids": lines})
            invoices |= self.env["account.invoice"].create(vals)
        return invoices

    @api.multi
    def action_bill_practice_time(self):
        """The coordinator bills the chosen practice time (or all that is due) and sees
        the invoices made."""
        if not self.env.user.has_group("qnetz_base.group_qnetz_coordinator"):
            raise UserError(_("Only the coordinator bills practice time."))
        invoices = self._qnetz_bill(self or None)
        if not invoices:
            raise UserError(_("Practice Time: nothing is due for billing (confirmed, taken "
                              "place and not billed yet)."))
        return self.env["event.event"]._qnetz_invoices_action(invoices)

    def _qnetz_invoice_line_vals(self, tools):
        gross, company, funding = self._qnetz_amount_cents()
        name = _("Practice time %s, %s: %d place(s) x %s h") % (
            self.machine_id.name, format_datetime(utc_string_to_local(self.date_start)),
            self.places,
            "%g" % self.hours)
        if funding:
            name += "\n" + _("of which %s %% covered by the funding programme") % (
                "%g" % self.slot_id.funding_share)
        return self.env["event.event"]._qnetz_fee_line_vals(
            tools, name, (gross, company, funding), practice_booking_id=self.id,
            line_kind="invoice")
