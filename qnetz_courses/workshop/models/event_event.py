from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.qnetz_base.tools import count_text


def allocate(free_by_type, needs):
    """Machine ids among `free_by_type` ({type id: [(places, machine id)]}) that give each
    need [(type id, places)] its places, the largest machines first; (ids, shortfalls
    [(type id, places found, places needed)])."""
    chosen, shortfalls = [], []
    for type_id, needed in needs:
        got = 0
        for places, machine_id in sorted(free_by_type.get(type_id, ()),
                                         key=lambda item: (-item[0], item[1])):
            if got >= needed:
                break
            chosen.append(machine_id)
            got += places
        if got < needed:
            shortfalls.append((type_id, got, needed))
    return chosen, shortfalls


class EventEvent(models.Model):
    """A practical course is planned where and when the places its module needs are free,
    and its sessions hold the machines (qnetz.machine.booking of kind "course")."""

    _inherit = "event.event"

    # the planning is the coordination's business: share users read courses, not this
    workshop_id = fields.Many2one(
        "qnetz.workshop", string="Workshop", groups="qnetz_base.group_qnetz_user",
        help="Where the practical sessions take place. Empty: the planner chooses among "
             "the provider's workshops, then those of the course's district, then all.")
    machine_booking_ids = fields.One2many("qnetz.machine.booking", "event_id",
                                          string="Machine Bookings", readonly=True,
                                          groups="qnetz_base.group_qnetz_user")

    def _qnetz_machine_needs(self):
        """[(machine type, places)] the course's module needs at the same time."""
        self.ensure_one()
        # the needs are the coordination's field; planning reads them whoever plans
        return [(need.type_id, need.places)
                for need in self.sudo().module_id.machine_need_ids]

    def _qnetz_candidate_workshops(self):
        """The workshops to plan in, in the order they are tried."""
        self.ensure_one()
        if self.workshop_id:
            return self.workshop_id
        Workshop = self.env["qnetz.workshop"]
        own = Workshop.search([("owner_id", "=", self.provider_id.commercial_partner_id.id)]) \
            if self.provider_id else Workshop
        near = Workshop.search([("district_id", "=", self.district_id.id)]) \
            if self.district_id else Workshop
        return own | (near - own) | (Workshop.search([]) - own - near)

    @api.model
    def _qnetz_allocate(self, free, needs):
        """Machines among `free` (of one workshop) that give every need its places, largest
        machines first; (machines, shortfalls) with shortfalls [(type, free, needed)]."""
        by_type = defaultdict(list)
        for machine in free:
            by_type[machine.machine_type_id.id].append((machine.places, machine.id))
        ids, shortfalls = allocate(by_type, [(t.id, places) for t, places in needs])
        types = {machine_type.id: machine_type for machine_type, _places in needs}
        return self.env["qnetz.machine"].browse(ids), [
            (types[type_id], got, needed) for type_id, got, needed in shortfalls]

    def _qnetz_plan_places(self, days, start_hour, hours):
        """{day: (workshop, machines) or (False, reason)} for the course's machine needs."""
        self.ensure_one()
        needs = self._qnetz_machine_needs()
        if not needs or not days:
            return {}
        workshops = self._qnetz_candidate_workshops()
        type_ids = [machine_type.id for machine_type, _places in needs]
        machines = self.env["qnetz.machine"].search([
            ("workshop_id", "in", workshops.ids), ("machine_type_id", "in", type_ids)])
        # plain values: the days x workshops loop below must not touch the ORM
        info = {m.id: (m.workshop_id.id, m.machine_type_id.id, m.places) for m in machines}
        id_needs = [(machine_type.id, places) for machine_type, places in needs]
        type_names = {machine_type.id: machine_type.name for machine_type, _places in needs}
        free_by_day = machines._qnetz_free_on_days(days, start_hour, hours)
        plan = {}
        for day in days:
            by_workshop = defaultdict(lambda: defaultdict(list))
            for machine_id in free_by_day[day].ids:
                workshop_id, type_id, places = info[machine_id]
                by_workshop[workshop_id][type_id].append((places, machine_id))
            best = None
            for workshop in workshops:
                chosen, shortfalls = allocate(by_workshop[workshop.id], id_needs)
                if not shortfalls:
                    plan[day] = (workshop, self.env["qnetz.machine"].browse(chosen))
                    break
                missing = sum(needed - got for _type, got, needed in shortfalls)
                if best is None or missing < best[0]:
                    best = (missing, workshop, shortfalls)
            else:
                if best is None:
                    reason = _("no workshop has %s") % self._qnetz_needs_label(needs)
                else:
                    # _() outside the generator: it finds the language in its caller's frame
                    free_text = _("%s of %d place at %s free|%s of %d places at %s free")
                    reason = "%s: %s" % (best[1].name, "; ".join(
                        count_text(self.env, needed, free_text) % (got, type_names[type_id])
                        for type_id, got, needed in best[2]))
                plan[day] = (False, reason)
        return plan

    @api.model
    def _qnetz_needs_label(self, needs):
        places_text = _("%d place at %s|%d places at %s")
        return ", ".join(count_text(self.env, places, places_text) % machine_type.name
                         for machine_type, places in needs)

    @api.multi
    def _qnetz_place_conflicts(self, first_day, last_day, weekdays, start_hour, hours):
        conflicts = super(EventEvent, self)._qnetz_place_conflicts(
            first_day, last_day, weekdays, start_hour, hours)
        days, day = [], first_day
        while day <= last_day:
            if day.weekday() in weekdays:
                days.append(day)
            day += timedelta(days=1)
        for day, (workshop, detail) in self._qnetz_plan_places(days, start_hour, hours).items():
            if not workshop:
                conflicts.setdefault(day, []).append(detail)
        return conflicts

    @api.multi
    def _qnetz_generate_sessions(self, *args, **kwargs):
        # the calendar's arguments pass through unchanged: the machines follow its sessions
        sessions, skipped = super(EventEvent, self)._qnetz_generate_sessions(*args, **kwargs)
        sessions._qnetz_book_machines()
        return sessions, skipped

    @api.constrains("workshop_id", "module_id")
    def _check_workshop_places(self):
        for event in self.filtered("workshop_id"):
            __, shortfalls = self._qnetz_allocate(event.workshop_id.machine_ids,
                                                  event._qnetz_machine_needs())
            if shortfalls:
                places_text = _("%s of %d place at %s|%s of %d places at %s")
                raise ValidationError(_("Workshop: %s has only %s.") % (
                    event.workshop_id.name, "; ".join(
                        count_text(self.env, needed, places_text) % (got, machine_type.name)
                        for machine_type, got, needed in shortfalls)))

    @api.model
    def _qnetz_portal_ics_more(self, organisation):
        """The confirmed practice time in the portal calendar: the company's (with its
        apprentices' names) and that of the provider's or school's workshops."""
        entries = super(EventEvent, self)._qnetz_portal_ics_more(organisation)
        Booking = self.env["qnetz.practice.booking"].sudo()
        if organisation.is_training_company:
            entries += Booking.search([("company_id", "=", organisation.id),
                                       ("state", "=", "confirmed")])._qnetz_ics_events()
        if organisation._qnetz_is_provider():
            entries += Booking.search([("workshop_id.owner_id", "child_of", organisation.id),
                                       ("state", "=", "confirmed")])._qnetz_ics_events(
                                           audience="provider")
        return entries
