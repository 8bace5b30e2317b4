from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qnetz_base.tools import outside_env, post_note, to_ids
from odoo.addons.qnetz_courses.spine.models.event_registration import ACTIVE_STATES


class EventEvent(models.Model):
    _inherit = "event.event"

    # ------------------------------------------------------------------ facts of a course

    @api.model
    def _qnetz_open_for_registration_domain(self):
        return [("is_qnetz_course", "=", True), ("state", "=", "confirm"),
                ("date_begin", ">", fields.Datetime.now())]

    @api.multi
    def _qnetz_has_started(self):
        self.ensure_one()
        return self.date_begin <= fields.Datetime.now()

    @api.multi
    def _qnetz_is_finished(self):
        self.ensure_one()
        return self.state == "done" or (
            self.state in ("confirm", "running") and self.date_end <= fields.Datetime.now())

    @api.multi
    def _qnetz_participants(self):
        """The registrations that hold a seat: these get attendance and are billed."""
        return self.env["event.registration"].search(
            [("event_id", "in", self.ids), ("state", "in", ACTIVE_STATES)], order="name")

    @api.multi
    def _qnetz_provider_bill(self):
        """The course's provider bill, if one was submitted (vendor bills are internal
        documents: read as superuser, and only this course's)."""
        return self.env["account.invoice"].sudo().search([
            ("course_id", "in", self.ids), ("is_provider_bill", "=", True),
            ("state", "!=", "cancel")], limit=1)

    @api.multi
    def _qnetz_provider_bill_facts(self):
        """What the provider may know of its own bill: number, amount, status."""
        bill = self._qnetz_provider_bill()
        if not bill:
            return {}
        status = {
            "draft": _("submitted, being checked by the coordinator"),
            "open": _("approved, payment pending"),
            "paid": _("paid"),
        }
        return {
            "number": bill.number or bill.reference or bill.origin,
            "amount": bill.amount_total,
            "currency": bill.currency_id,
            "state": bill.state,
            "status": status.get(bill.state, bill.state),
        }

    @api.multi
    def _qnetz_portal_provider_bill_pdf(self):
        """The provider's own bill for its course as PDF: (bytes, file name)."""
        course, _provider = self._qnetz_portal_course_for("provider")
        bill = course._qnetz_provider_bill()
        if not bill:
            raise UserError(_("Course: no invoice has been submitted for %s yet.") % course.name)
        pdf, _format = self.env.ref("account.account_invoices").sudo().render_qweb_pdf(bill.ids)
        return pdf, "%s.pdf" % (bill.number or bill.reference or course.name).replace("/", "-")

    @api.multi
    def _qnetz_attendance_complete(self):
        """Every participant has an entry for every session of the course."""
        self.ensure_one()
        course = self.sudo()
        participants = course._qnetz_participants()
        expected = len(course.session_ids) * len(participants)
        recorded = self.env["qnetz.attendance"].sudo().search_count([
            ("session_id", "in", course.session_ids.ids),
            ("registration_id", "in", participants.ids)])
        return recorded == expected

    # ------------------------------------------------------------------ portal actions

    @api.multi
    def _qnetz_portal_course_for(self, role):
        """The one course this action is about, seen by the caller in `role`."""
        organisation = self.env["res.partner"]._qnetz_portal_organisation(role)
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one course."))
        domain = [("id", "=", self.id), ("is_qnetz_course", "=", True), ("state", "!=", "draft")]
        if role == "provider":
            domain.append(("provider_id", "child_of", organisation.id))
        course = self.search(domain)
        if not course:
            raise AccessError(_("This course is not one of yours."))
        return course, organisation

    @api.multi
    def qnetz_portal_register(self, apprentice_ids):
        """A company registers some of its apprentices for an open course; qnetz_courses
        decides between a seat and the waiting list. Returns the registrations' ids."""
        course, company = self._qnetz_portal_course_for("company")
        ids = to_ids(apprentice_ids)
        if not ids:
            raise ValidationError(_("Apprentices: please choose at least one apprentice."))
        apprentices = self.env["res.partner"].search([
            ("id", "in", ids), ("is_apprentice", "=", True), ("employer_id", "=", company.id)])
        if len(apprentices) != len(set(ids)):
            raise ValidationError(_("Apprentices: only your own apprentices can be registered."))
        if course.state != "confirm":
            raise UserError(_("Course: %s is not open for registrations.") % course.name)
        if course._qnetz_has_started():
            raise UserError(_("Course: %s has already started; registrations are closed.")
                            % course.name)
        # One registration run per course at a time: two companies taking the last seat at
        # once would otherwise both see it free. The second waits here, then fails to
        # serialize, and Odoo's RPC and HTTP layers retry it on the new state.
        self.env.cr.execute("SELECT id FROM event_event WHERE id = %s FOR UPDATE", (course.id,))
        user = self.env.user
        note = _("Registered in the portal by %s.") % user.name
        Registration = self.env["event.registration"].with_env(outside_env(self.env))
        registrations = Registration.browse()
        for apprentice in apprentices.sorted("name"):
            registration = Registration.create({
                "event_id": course.id,
                "apprentice_id": apprentice.id,
                "paying_partner_id": company.id,
            })
            post_note(registration, user.partner_id, note)
            registrations |= registration
        return registrations.ids

    @api.multi
    def qnetz_portal_submit_invoice(self, confirm_complete=False):
        """A provider submits its invoice for a finished course whose attendance it
        recorded completely. Returns the id of the draft provider bill."""
        course, _provider = self._qnetz_portal_course_for("provider")
        errors = []
        if course._qnetz_provider_bill():
            raise UserError(_("Course: the invoice for %s has already been submitted.")
                            % course.name)
        if confirm_complete is not True:
            errors.append(_("Attendance complete: please confirm that the attendance of all "
                            "sessions is recorded completely."))
        if course.state == "cancel":
            errors.append(_("Course: %s was cancelled.") % course.name)
        elif not course._qnetz_is_finished():
            errors.append(_("Course: %s has not finished yet; the invoice can be submitted "
                            "after the last session.") % course.name)
        if not course._qnetz_attendance_complete():
            errors.append(_("Attendance: some sessions still lack attendance entries."))
        if errors:
            raise UserError("\n".join(errors))
        author = self.env.user.partner_id
        course = course.with_env(outside_env(self.env))
        bill = course._qnetz_create_provider_bill()
        note = _("%s submitted the invoice in the portal and confirmed that the attendance "
                 "is complete.") % author.name
        post_note(course, author, note)
        post_note(bill, author, note)
        coordinator = course.user_id if course.user_id and not course.user_id.share else \
            self.env["res.partner"]._qnetz_default_coordinator(course.provider_id)
        bill._qnetz_todo(_("Validate the provider's invoice"), note, users=coordinator)
        return bill.id
