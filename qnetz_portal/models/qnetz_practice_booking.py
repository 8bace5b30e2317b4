from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.qnetz_base.tools import is_pg_int, outside_env, post_note, to_ids, to_int


class QnetzPracticeBooking(models.Model):
    """The portal's side of practice time: a company books places for its apprentices,
    the workshop's provider or school confirms or refuses and records the safety
    briefings. Each action checks who calls it and whose the booking is, then acts as
    the system (the rules live in qnetz_courses/workshop)."""

    _inherit = "qnetz.practice.booking"

    @api.model
    def qnetz_portal_book(self, slot_id, apprentice_ids):
        company = self.env["res.partner"]._qnetz_portal_organisation("company")
        slot_id, ids = to_int(slot_id), to_ids(apprentice_ids)
        slot = self.env["qnetz.machine.booking"].sudo().search([
            ("id", "=", slot_id if is_pg_int(slot_id) else 0), ("kind", "=", "practice"),
            ("state", "=", "open")]) if slot_id else None
        if not slot:
            raise UserError(_("Practice Time: this practice time is not open for booking."))
        if not ids:
            raise UserError(_("Apprentices: name at least one apprentice."))
        apprentices = self.env["res.partner"].sudo().search([
            ("id", "in", [i for i in ids if is_pg_int(i)]), ("is_apprentice", "=", True),
            ("employer_id", "=", company.id)])
        if len(apprentices) != len(set(ids)):
            raise UserError(_("Apprentices: only your own apprentices can be booked."))
        booking = self.with_env(outside_env(self.env))._qnetz_book(
            slot.with_env(outside_env(self.env)), company, apprentices)
        post_note(booking, self.env.user.partner_id,
                  _("Booked in the portal by %s.") % self.env.user.name)
        return booking.id

    @api.multi
    def _qnetz_portal_own(self, role):
        organisation = self.env["res.partner"]._qnetz_portal_organisation(role)
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one practice booking."))
        field = "company_id" if role == "company" else "workshop_id.owner_id"
        own = self.sudo().search([("id", "=", self.id), (field, "child_of", organisation.id)])
        if not own:
            raise AccessError(_("This practice booking is not yours."))
        return own.with_env(outside_env(self.env))

    @api.multi
    def qnetz_portal_cancel_practice(self):
        """The company cancels its booking before the practice time begins."""
        booking = self._qnetz_portal_own("company")
        if booking.state not in ("requested", "confirmed") or \
                booking.date_start <= fields.Datetime.now():
            raise UserError(_("Practice Time: %s can no longer be cancelled.")
                            % booking.display_name)
        booking.write({"state": "cancel"})
        post_note(booking, self.env.user.partner_id,
                  _("Cancelled in the portal by %s.") % self.env.user.name)
        return True

    @api.multi
    def qnetz_portal_confirm_practice(self):
        booking = self._qnetz_portal_own("provider")
        booking._qnetz_confirm()
        post_note(booking, self.env.user.partner_id,
                  _("Confirmed in the portal by %s.") % self.env.user.name)
        return True

    @api.multi
    def qnetz_portal_refuse_practice(self):
        booking = self._qnetz_portal_own("provider")
        booking._qnetz_refuse()
        post_note(booking, self.env.user.partner_id,
                  _("Refused in the portal by %s.") % self.env.user.name)
        return True

    @api.multi
    def qnetz_portal_record_briefings(self):
        """The workshop has briefed the booking's apprentices who still needed it."""
        booking = self._qnetz_portal_own("provider")
        briefings = booking._qnetz_record_briefings()
        return len(briefings)

    @api.model
    def qnetz_portal_apprentice_ics(self, apprentice_id):
        """The calendar (.ics text) of one of the company's own apprentices."""
        company = self.env["res.partner"]._qnetz_portal_organisation("company")
        apprentice_id = to_int(apprentice_id)
        apprentice = self.env["res.partner"].sudo().search([
            ("id", "=", apprentice_id if is_pg_int(apprentice_id) else 0),
            ("is_apprentice", "=", True), ("employer_id", "=", company.id)])
        if not apprentice:
            raise AccessError(_("This apprentice is not one of yours."))
        return self._qnetz_apprentice_ics(apprentice).decode("utf-8")
