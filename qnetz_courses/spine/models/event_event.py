from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.qnetz_base.models.qnetz_need import AREAS
from odoo.addons.qnetz_base.models.res_partner import PROVIDER_DOMAIN
from odoo.addons.qnetz_base.tools import html_text

from ..course_time import course_today, format_date, utc_string_to_local

# The size a new course starts with, unless the coordinator set the system parameters
# qnetz_courses.default_seats_min / qnetz_courses.default_seats_max (_qnetz_default_seats).
DEFAULT_SEATS_MIN = 6
DEFAULT_SEATS_MAX = 12

FEE_MODELS = [
    ("per_participant", "Price per participant"),
    ("total", "Total course price split across participants"),
]


class EventEvent(models.Model):
    _inherit = "event.event"

    is_qnetz_course = fields.Boolean(
        string="Network Course", index=True, copy=True,
        help="A local course of the qualification network, bundled from training needs.")
    area = fields.Selection(AREAS, index=True, track_visibility="onchange")
    occupation_id = fields.Many2one(
        "qnetz.occupation", string="Training Occupation", index=True, ondelete="restrict")
    provider_id = fields.Many2one(
        "res.partner", string="Provider", index=True, ondelete="restrict",
        track_visibility="onchange",
        domain=PROVIDER_DOMAIN,
        help="The education provider or vocational school that delivers the course.")
    district_id = fields.Many2one(
        "qnetz.district", string="Venue District", index=True, ondelete="restrict",
        track_visibility="onchange",
        help="Where the course takes place: Kreis Höxter or Landkreis Holzminden.")
    session_ids = fields.One2many(
        "qnetz.course.session", "event_id", string="Sessions", copy=True)
    session_count = fields.Integer(compute="_compute_total_hours", string="Number of Sessions")
    total_hours = fields.Float(
        compute="_compute_total_hours", store=True,
        help="Sum of the hours of all sessions.")
    need_ids = fields.One2many("qnetz.need", "course_id", string="Training Needs")
    need_count = fields.Integer(compute="_compute_need_count", string="Number of Needs")
    # the whole list, in the order a course goes through it (Odoo's puts "cancel" second
    # and selection_add would put "running" after "done"); the words are the network's
    state = fields.Selection([
        ("draft", "Planned"),
        ("confirm", "Confirmed"),
        ("running", "Running"),
        ("done", "Finished"),
        ("cancel", "Called Off"),
    ])
    seats_waiting = fields.Integer(
        string="On Waiting List", compute="_compute_seats_waiting")
    below_minimum = fields.Boolean(
        compute="_compute_below_minimum",
        help="Fewer confirmed participants than the minimum.")
    min_override = fields.Boolean(
        string="Confirmed below Minimum", readonly=True, copy=False,
        help="The coordinator confirmed the course although it had not reached its minimum.")
    attendance_threshold = fields.Float(
        string="Attendance Needed for Certificate (%)", default=80.0,
        help="Share of the course hours a participant must attend to receive "
             "a certificate of participation.")
    # Fees
    currency_id = fields.Many2one(
        "res.currency", string="Currency", readonly=True,
        default=lambda self: self.env.user.company_id.currency_id)
    fee_model = fields.Selection(
        FEE_MODELS, default="per_participant",
        track_visibility="onchange")
    fee_amount = fields.Monetary(
        string="Fee", track_visibility="onchange",
        help="Price per participant, or the total course price, depending on the fee model.")
    funding_share = fields.Float(
        string="Funding Share (%)", track_visibility="onchange",
        help="Percentage of the fee covered by the funding programme; "
             "the companies pay the rest.")
    # Money that is not the public price is the coordinator's business (field groups hold
    # for RPC reads too): the provider's fee, and the course's billing figures (billing).
    provider_fee = fields.Monetary(
        track_visibility="onchange", groups="qnetz_base.group_qnetz_coordinator",
        help="The fee agreed with the provider for the whole course (vendor bill).")

    @api.depends("session_ids.duration")
    def _compute_total_hours(self):
        for event in self:
            event.total_hours = sum(event.session_ids.mapped("duration"))
            event.session_count = len(event.session_ids)

    def _compute_need_count(self):
        counts = {}
        if self.ids:
            groups = self.env["qnetz.need"].read_group(
                [("course_id", "in", self.ids)], ["course_id"], ["course_id"])
            counts = {g["course_id"][0]: g["course_id_count"] for g in groups}
        for event in self:
            event.need_count = counts.get(event.id, 0)

    def _compute_seats_waiting(self):
        counts = {}
        if self.ids:
            groups = self.env["event.registration"].read_group(
                [("event_id", "in", self.ids), ("state", "=", "waiting")],
                ["event_id"], ["event_id"])
            counts = {g["event_id"][0]: g["event_id_count"] for g in groups}
        for event in self:
            event.seats_waiting = counts.get(event.id, 0)

    @api.depends("seats_min", "seats_reserved", "seats_used")
    def _compute_below_minimum(self):
        for event in self:
            event.below_minimum = bool(
                event.seats_min and event.seats_reserved + event.seats_used < event.seats_min)

    @api.constrains("fee_amount", "provider_fee")
    def _check_fees(self):
        for event in self:
            if event.fee_amount < 0:
                raise ValidationError(_("Fee: the fee of %s cannot be below zero.") % event.name)
            if event.provider_fee < 0:
                raise ValidationError(
                    _("Provider Fee: the provider fee of %s cannot be below zero.") % event.name)

    @api.constrains("funding_share")
    def _check_funding_share(self):
        for event in self:
            if not 0 <= event.funding_share <= 100:
                raise ValidationError(_(
                    "Funding Share (%%): %s is not a percentage between 0 and 100.")
                    % event.funding_share)

    @api.constrains("attendance_threshold")
    def _check_attendance_threshold(self):
        for event in self:
            if not 0 <= event.attendance_threshold <= 100:
                raise ValidationError(_(
                    "Attendance Needed for Certificate (%%): %s is not a percentage "
                    "between 0 and 100.") % event.attendance_threshold)

    @api.constrains("provider_id", "is_qnetz_course")
    def _check_provider(self):
        for event in self.filtered("provider_id"):
            if not event.provider_id._qnetz_is_provider():
                raise ValidationError(_(
                    "Provider: %s is neither an education provider nor a vocational school.")
                    % event.provider_id.display_name)

    @api.model
    def create(self, vals):
        if vals.get("is_qnetz_course") and vals.get("seats_max"):
            # a network course always has a real maximum; beyond it, people wait
            vals.setdefault("seats_availability", "limited")
        return super(EventEvent, self).create(vals)

    # Workflow ------------------------------------------------------------

    @api.multi
    def _qnetz_check_coordinator_action(self):
        """The workflow buttons are public methods, callable over RPC by anyone who may
        read a course: they run only for those who may change it."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _qnetz_check_provider_fee(self):
        # what the network pays the provider is agreed before the course is promised
        no_fee = self.filtered(lambda e: e.is_qnetz_course and e.sudo().provider_fee <= 0)
        if no_fee:
            raise UserError(_(
                "Provider Fee: no fee is agreed with the provider of %s. Enter the provider's "
                "fee before confirming the course.") % ", ".join(no_fee.mapped("name")))

    @api.multi
    def button_confirm(self):
        self._qnetz_check_coordinator_action()
        self._qnetz_check_provider_fee()
        if not self.env.context.get("qnetz_min_override"):
            for event in self.filtered("is_qnetz_course"):
                if event.below_minimum:
                    raise UserError(_(
                        "Minimum Attendees: %s has %d of at least %d participants, so it cannot "
                        "be confirmed. Use 'Confirm below Minimum' to confirm it anyway.") % (
                        event.name, event.seats_reserved + event.seats_used, event.seats_min))
        super(EventEvent, self).button_confirm()
        # Odoo's button_confirm returns None, which XML-RPC clients cannot unmarshal.
        return True

    @api.multi
    def action_confirm_below_minimum(self):
        """Confirm although the minimum is not reached; logged on the course."""
        self._qnetz_check_coordinator_action()
        self._qnetz_check_provider_fee()
        for event in self:
            event.message_post(body=html_text(_(
                "Confirmed below the minimum: %d of %d participants (by %s).") % (
                event.seats_reserved + event.seats_used, event.seats_min, self.env.user.name)))
        self.write({"min_override": True})
        return self.with_context(qnetz_min_override=True).button_confirm()

    @api.model
    def _qnetz_default_funding_share(self, date):
        """The funding share (%) a new course starting on `date` takes; the funding feature
        fills it in from the funded project of that date (a hook: the spine knows no
        project)."""
        return 0.0

    @api.multi
    def _qnetz_first_session_day(self):
        """{course id: the local day of its first session}, for courses with sessions."""
        days = {}
        for session in self.mapped("session_ids"):
            day = utc_string_to_local(session.date_begin).date()
            event_id = session.event_id.id
            if event_id not in days or day < days[event_id]:
                days[event_id] = day
        return days

    @api.multi
    def _qnetz_service_begun(self):
        """The courses of self whose service has begun: their first session falls on today
        or earlier (course time). The one rule for 'Course Begins' and for billing: nothing
        is billed for a course that has not happened, and no button skips a date; a wrong
        date is corrected on the session."""
        today = fields.Date.from_string(course_today())
        first_days = self._qnetz_first_session_day()
        return self.filtered(lambda e: e.id in first_days and first_days[e.id] <= today)

    @api.multi
    def _qnetz_sessions_over(self):
        """The courses of self whose last session has ended (a course without sessions:
        its end date has passed)."""
        now = fields.Datetime.now()
        return self.filtered(lambda e: max(e.session_ids.mapped("date_end") or [e.date_end])
                             <= now)

    @api.multi
    def action_start(self):
        self._qnetz_check_coordinator_action()
        for event in self:
            if event.state != "confirm":
                raise UserError(_("Status: only a confirmed course can start (%s).") % event.name)
        network = self.filtered("is_qnetz_course")
        begun = network._qnetz_service_begun()
        first_days = network._qnetz_first_session_day()
        for event in network - begun:
            if event.id not in first_days:
                raise UserError(_("Course Begins: %s has no sessions yet; plan its sessions "
                                  "first.") % event.name)
            raise UserError(_(
                "Course Begins: %s begins on its first session, %s. A course cannot begin "
                "before its first session; if the date is wrong, correct the session.") % (
                event.name, format_date(first_days[event.id])))
        self.write({"state": "running"})
        return True

    @api.multi
    def button_done(self):
        self._qnetz_check_coordinator_action()
        courses = self.filtered("is_qnetz_course")
        not_over = courses - courses._qnetz_sessions_over()
        if not_over:
            raise UserError(_(
                "Finish: %s still has sessions to come. A course is finished once its last "
                "session is over; if a date is wrong, correct the session.")
                % ", ".join(not_over.mapped("name")))
        super(EventEvent, self).button_done()
        self.mapped("need_ids").filtered(lambda n: n.state == "bundled").action_mark_served()
        return True

    @api.multi
    def button_cancel(self):
        self._qnetz_check_coordinator_action()
        courses = self.filtered("is_qnetz_course")
        result = super(EventEvent, self.with_context(qnetz_no_move_up=True)).button_cancel()
        needs = courses.mapped("need_ids").filtered(lambda n: n.state == "bundled")
        # the needs are open again, so the coordinator can bundle them anew
        needs.write({"state": "qualified", "course_id": False})
        template = self.env.ref("qnetz_courses.mail_template_course_cancelled",
                                raise_if_not_found=False)
        if template:
            for registration in courses.mapped("registration_ids").filtered("email"):
                registration.message_post_with_template(template.id)
        return True if result is None else result

    @api.multi
    def _qnetz_free_seats(self):
        """Seats still free on the course, or None when it takes any number.

        The one place this is decided, for the waiting list, the portal and the public
        catalogue alike. As in Odoo's own seat check, a limit of 0 means no limit."""
        self.ensure_one()
        if self.seats_availability != "limited" or not self.seats_max:
            return None
        return max(self.seats_available, 0)

    def _qnetz_move_up_waiting(self):
        """Fill free seats from the waiting list, first come first served."""
        Registration = self.env["event.registration"]
        for event in self.filtered(lambda e: e.state not in ("done", "cancel")):
            free = event._qnetz_free_seats()
            if free == 0:
                continue
            waiting = Registration.search(
                [("event_id", "=", event.id), ("state", "=", "waiting")],
                order="waiting_since, id", limit=free)
            for registration in waiting:
                registration.write({"state": "open"})
                registration.message_post(body=_("Moved up from the waiting list."))
                registration._qnetz_send_mail("moved_up")

    # Smart buttons ---------------------------------------------------------

    @api.model
    def _qnetz_default_seats(self):
        """(minimum, maximum) participants of a new course."""
        get_param = self.env["ir.config_parameter"].sudo().get_param

        def read(key, default):
            value = get_param(key)
            return int(value) if value and value.isdigit() else default
        return (read("qnetz_courses.default_seats_min", DEFAULT_SEATS_MIN),
                read("qnetz_courses.default_seats_max", DEFAULT_SEATS_MAX))

    @api.model
    def default_get(self, fields_list):
        values = super(EventEvent, self).default_get(fields_list)
        if self.env.context.get("default_is_qnetz_course"):
            seats_min, seats_max = self._qnetz_default_seats()
            for name, value in (("seats_min", seats_min), ("seats_max", seats_max)):
                if name in fields_list and "default_" + name not in self.env.context:
                    values[name] = value
        return values

    def _qnetz_coordinator(self):
        """Who looks after the course: its responsible user when internal, otherwise the
        first coordinator."""
        self.ensure_one()
        if self.user_id and not self.user_id.share:
            return self.user_id
        return self.env["res.users"]._qnetz_first_coordinator()

    @api.multi
    def action_view_needs(self):
        self.ensure_one()
        return {
            "name": _("Training Needs"),
            "type": "ir.actions.act_window",
            "res_model": "qnetz.need",
            "view_mode": "tree,form",
            "domain": [("course_id", "=", self.id)],
        }
