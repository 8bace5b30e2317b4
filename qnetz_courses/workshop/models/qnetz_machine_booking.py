import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...spine.course_time import format_datetime, utc_string_to_local

_logger = logging.getLogger(__name__)

# Not cancelled: the booking holds its machine.
HOLDING_STATES = ("open", "closed")
EXCLUSION_NAME = "qnetz_machine_booking_no_overlap"
EXCLUSION_SQL = """
    ALTER TABLE qnetz_machine_booking ADD CONSTRAINT qnetz_machine_booking_no_overlap
    EXCLUDE USING gist (machine_id WITH =, tsrange(date_start, date_stop, '[)') WITH &&)
    WHERE (state IN ('open', 'closed'))"""
# btree_gist lets a GiST exclusion constraint compare the machine with "=". It is a
# "trusted" extension since PostgreSQL 13: the database owner may create it.
EXTENSION_SQL = "CREATE EXTENSION IF NOT EXISTS btree_gist"


def ensure_btree_gist(cr):
    cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'")
    if cr.fetchone():
        return
    try:
        with cr.savepoint():
            cr.execute(EXTENSION_SQL)
    except psycopg2.Error as error:
        raise UserError(_(
            "The PostgreSQL extension btree_gist is missing and could not be created (%s). "
            "It is part of Debian's postgresql-contrib; as the database owner or a "
            "superuser run: CREATE EXTENSION btree_gist;") % (error.pgerror or error))
    _logger.info("PostgreSQL extension btree_gist created")


class QnetzMachineBooking(models.Model):
    """A machine held for a time: for a course session, or opened by the workshop as
    practice time that companies book places of (qnetz.practice.booking).

    Two bookings that hold the same machine never overlap: the database refuses it with
    an exclusion constraint over the time range, so concurrent bookings cannot slip past
    a check made in Python."""

    _name = "qnetz.machine.booking"
    _description = "Machine Booking"
    _order = "date_start, machine_id"

    machine_id = fields.Many2one("qnetz.machine", required=True, index=True,
                                 ondelete="restrict")
    workshop_id = fields.Many2one(related="machine_id.workshop_id", store=True, index=True,
                                  readonly=True)
    type_id = fields.Many2one(related="machine_id.machine_type_id", store=True, readonly=True,
                              string="Machine Type")
    date_start = fields.Datetime(string="Start", required=True, index=True)
    date_stop = fields.Datetime(string="End", required=True)
    duration = fields.Float(string="Hours", compute="_compute_duration", store=True)
    kind = fields.Selection([("course", "Course Session"), ("practice", "Open Practice Time")],
                            required=True, default="practice", index=True)
    session_id = fields.Many2one("qnetz.course.session", string="Course Session",
                                 ondelete="cascade", index=True)
    event_id = fields.Many2one(related="session_id.event_id", store=True, readonly=True,
                               string="Course")
    state = fields.Selection(
        [("open", "Open for Booking"), ("closed", "Closed"), ("cancel", "Cancelled")],
        required=True, default="open", index=True,
        help="Open: companies can book places (practice time). Closed: no new bookings, "
             "the machine stays held. Cancelled: the machine is free again.")
    places = fields.Integer(help="Practice places offered; at most the machine's places.")
    hourly_rate = fields.Float(string="Hourly Rate per Place")
    funding_share = fields.Float(string="Funding Share (%)")
    practice_booking_ids = fields.One2many("qnetz.practice.booking", "slot_id",
                                           string="Practice Bookings")
    places_taken = fields.Integer(compute="_compute_places_taken", string="Places Booked")
    places_free = fields.Integer(compute="_compute_places_taken")

    _sql_constraints = [
        ("dates_ordered", "CHECK(date_stop > date_start)",
         "End: a booking must end after it starts."),
        ("session_kind", "CHECK(kind != 'course' OR session_id IS NOT NULL)",
         "Course Session: a course booking belongs to a session."),
    ]

    @api.model_cr
    def init(self):
        ensure_btree_gist(self.env.cr)
        self.env.cr.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", (EXCLUSION_NAME,))
        if not self.env.cr.fetchone():
            self.env.cr.execute(EXCLUSION_SQL)

    @api.depends("date_start", "date_stop")
    def _compute_duration(self):
        for booking in self:
            if booking.date_start and booking.date_stop:
                delta = fields.Datetime.from_string(booking.date_stop) - \
                    fields.Datetime.from_string(booking.date_start)
                booking.duration = delta.total_seconds() / 3600.0

    @api.depends("places", "practice_booking_ids.places", "practice_booking_ids.state")
    def _compute_places_taken(self):
        # every company's places count, also where the reader sees only its own bookings
        taken_by_slot = {}
        if self.ids:
            groups = self.env["qnetz.practice.booking"].sudo().read_group(
                [("slot_id", "in", self.ids), ("state", "in", ("requested", "confirmed"))],
                ["slot_id", "places"], ["slot_id"])
            taken_by_slot = {group["slot_id"][0]: group["places"] for group in groups}
        for slot in self:
            taken = taken_by_slot.get(slot.id, 0)
            slot.places_taken = taken
            slot.places_free = max(slot.places - taken, 0)

    @api.constrains("places", "machine_id")
    def _check_places(self):
        for slot in self:
            if slot.places < 0 or slot.places > slot.machine_id.places:
                raise ValidationError(_("Places: %s has %d places.") % (
                    slot.machine_id.name, slot.machine_id.places))

    def name_get(self):
        return [(booking.id, "%s, %s" % (
            booking.machine_id.name, format_datetime(utc_string_to_local(booking.date_start))))
            for booking in self]

    @api.model
    def create(self, vals):
        if vals.get("machine_id"):
            machine = self.env["qnetz.machine"].browse(vals["machine_id"])
            vals.setdefault("places", machine.places)
            vals.setdefault("hourly_rate", machine.hourly_rate)
            if "funding_share" not in vals and vals.get("date_start"):
                # the course rule (the funded project's share on that day), unless the
                # workshop has a share of its own
                vals["funding_share"] = machine.workshop_id.funding_share or self.env[
                    "event.event"]._qnetz_default_funding_share(vals["date_start"])
        return self._qnetz_refuse_overlap(
            lambda: super(QnetzMachineBooking, self).create(vals))

    @api.multi
    def write(self, vals):
        return self._qnetz_refuse_overlap(
            lambda: super(QnetzMachineBooking, self).write(vals))

    def _qnetz_refuse_overlap(self, operation):
        """Runs `operation` in a savepoint and turns the database's refusal of an
        overlapping booking into a message to act on; the transaction stays usable (the
        planner goes on to the next machine)."""
        try:
            with self.env.cr.savepoint():
                return operation()
        except psycopg2.IntegrityError as error:
            if error.diag.constraint_name != EXCLUSION_NAME:
                raise
            raise ValidationError(_(
                "Machine Booking: the machine is already booked at that time."))
