from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Registrations that hold a seat and count as participants (attendance, billing, figures).
ACTIVE_STATES = ("open", "done")
# What Odoo's website registration form may set on a registration of an ordinary event.
WEBSITE_ATTENDEE_FIELDS = ("name", "phone", "email", "partner_id", "event_id", "event_ticket_id",
                           "sale_order_id", "sale_order_line_id", "answer_ids")


class EventRegistration(models.Model):
    _inherit = "event.registration"

    state = fields.Selection(selection_add=[("waiting", "Waiting List")])
    is_qnetz_course = fields.Boolean(
        related="event_id.is_qnetz_course", store=True, readonly=True, string="Network Course")
    apprentice_id = fields.Many2one(
        "res.partner", string="Apprentice", index=True, ondelete="restrict",
        domain=[("is_apprentice", "=", True)],
        help="The apprentice or young person who takes part.")
    paying_partner_id = fields.Many2one(
        "res.partner", string="Paying Company", index=True, ondelete="restrict",
        domain=[("is_training_company", "=", True)],
        help="The company that receives the invoice for this participant.")
    need_id = fields.Many2one(
        "qnetz.need", string="Training Need", index=True, ondelete="set null",
        help="The need this registration serves.")
    attendance_ids = fields.One2many(
        "qnetz.attendance", "registration_id", string="Attendance")
    attended_hours = fields.Float(
        compute="_compute_attendance", store=True)
    attendance_rate = fields.Float(
        compute="_compute_attendance", store=True, string="Attendance (%)",
        group_operator="avg", help="Hours attended as a share of all course hours.")
    certificate_eligible = fields.Boolean(
        compute="_compute_attendance", store=True, string="Certificate",
        help="Attended enough of the course for a certificate of participation.")
    waiting_since = fields.Datetime(
        string="On Waiting List since", readonly=True, copy=False)
    invoice_line_ids = fields.One2many(
        "account.invoice.line", "registration_id", string="Invoice Lines", readonly=True,
        groups="qnetz_base.group_qnetz_coordinator")
    billing_state = fields.Selection(
        [("to_bill", "To Bill"), ("invoiced", "Invoiced"), ("credited", "Credited")],
        string="Billing", default="to_bill", readonly=True, copy=False, index=True)

    @api.depends("attendance_ids.status", "attendance_ids.session_id.duration",
                 "event_id.total_hours", "event_id.attendance_threshold")
    def _compute_attendance(self):
        for registration in self:
            total = registration.event_id.total_hours
            hours = sum(registration.attendance_ids.filtered(
                lambda a: a.status == "present").mapped("session_id.duration"))
            rate = 100.0 * hours / total if total else 0.0
            registration.attended_hours = hours
            registration.attendance_rate = rate
            registration.certificate_eligible = bool(
                total and rate + 1e-6 >= registration.event_id.attendance_threshold)

    @api.constrains("event_id", "apprentice_id", "state")
    def _check_unique_apprentice(self):
        for registration in self.filtered(lambda r: r.apprentice_id and r.state != "cancel"):
            duplicates = self.search_count([
                ("event_id", "=", registration.event_id.id),
                ("apprentice_id", "=", registration.apprentice_id.id),
                ("state", "!=", "cancel"), ("id", "!=", registration.id)])
            if duplicates:
                raise ValidationError(_(
                    "Apprentice: %s is already registered for %s.")
                    % (registration.apprentice_id.name, registration.event_id.name))

    @api.constrains("event_id", "state")
    def _check_seats_limit(self):
        # people beyond the maximum of a network course wait instead of being refused
        for registration in self:
            if registration.event_id.is_qnetz_course \
                    and registration.state in ("waiting", "cancel"):
                continue
            super(EventRegistration, registration)._check_seats_limit()

    @api.onchange("apprentice_id")
    def _onchange_apprentice_id(self):
        apprentice = self.apprentice_id
        if apprentice:
            self.partner_id = apprentice
            self.name = apprentice.name
            self.email = apprentice.email
            self.phone = apprentice.phone or apprentice.mobile
            if apprentice.employer_id:
                self.paying_partner_id = apprentice.employer_id

    @api.model
    def _prepare_attendee_values(self, registration):
        # Odoo's /event/<id>/registration/confirm creates registrations as superuser from
        # these values, and Odoo 11 copies every posted key that names a field. Network
        # courses are never registered that way (companies register apprentices in the
        # portal), and no visitor sets a paying company, a state or a billing state.
        event = registration.get("event_id")
        if isinstance(event, int):
            event = self.env["event.event"].browse(event)
        if event and event.sudo().is_qnetz_course:
            raise UserError(_("Course: %s is a course of the qualification network; training "
                              "companies register their apprentices in the portal.")
                            % event.sudo().name)
        values = super(EventRegistration, self)._prepare_attendee_values(registration)
        return {key: value for key, value in values.items() if key in WEBSITE_ATTENDEE_FIELDS}

    @api.model
    def create(self, vals):
        event = self.env["event.event"].browse(vals.get("event_id"))
        if event.is_qnetz_course:
            vals = self._qnetz_prepare_vals(event, vals)
        registration = super(EventRegistration, self).create(vals)
        if registration.is_qnetz_course:
            registration._qnetz_send_mail(
                "waiting" if registration.state == "waiting" else "confirmed")
        return registration

    @api.model
    def _qnetz_prepare_vals(self, event, vals):
        vals = dict(vals)
        if event.state in ("done", "cancel"):
            raise UserError(_("Course: %s is closed for registrations.") % event.name)
        apprentice = self.env["res.partner"].browse(vals.get("apprentice_id"))
        if apprentice:
            vals.setdefault("partner_id", apprentice.id)
            vals.setdefault("name", apprentice.name)
            vals.setdefault("email", apprentice.email)
            vals.setdefault("phone", apprentice.phone or apprentice.mobile)
            if apprentice.employer_id:
                vals.setdefault("paying_partner_id", apprentice.employer_id.id)
        if not vals.get("state") or vals["state"] in ("draft", "open"):
            if event._qnetz_free_seats() == 0:
                vals["state"] = "waiting"
                vals["waiting_since"] = fields.Datetime.now()
            else:
                vals["state"] = "open"
        return vals

    @api.multi
    def write(self, vals):
        freed = self.env["event.event"]
        if vals.get("state") in ("cancel", "draft", "waiting") \
                and not self.env.context.get("qnetz_no_move_up"):
            freed = self.filtered(
                lambda r: r.is_qnetz_course and r.state in ACTIVE_STATES).mapped("event_id")
        result = super(EventRegistration, self).write(vals)
        if freed:
            freed._qnetz_move_up_waiting()
        return result

    @api.multi
    def action_move_up(self):
        """Give a waiting participant a free seat (by hand)."""
        for registration in self:
            if registration.state != "waiting":
                raise UserError(_("Status: %s is not on the waiting list.") % registration.name)
            event = registration.event_id
            if event._qnetz_free_seats() == 0:
                raise UserError(_("Maximum Attendees: %s has no free seat.") % event.name)
            registration.write({"state": "open"})
            registration._qnetz_send_mail("moved_up")
        return True

    @api.multi
    def action_cancel_registration(self):
        self.write({"state": "cancel"})
        return True

    def _qnetz_send_mail(self, kind):
        template = self.env.ref("qnetz_courses.mail_template_registration_%s" % kind,
                                raise_if_not_found=False)
        if not template:
            return
        for registration in self.filtered("email"):
            registration.message_post_with_template(template.id)
