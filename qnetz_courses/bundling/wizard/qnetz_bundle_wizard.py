import math
from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.qnetz_base.models.qnetz_need import AREAS
from odoo.addons.qnetz_base.models.res_partner import PROVIDER_DOMAIN
from odoo.addons.qnetz_base.tools import html_text

from ...spine.models.event_event import FEE_MODELS
from ...spine.course_time import local_to_utc_string, utc_string_to_local
from ...calendar.models.qnetz_weekday_mixin import WEEKDAYS


class QnetzBundleWizard(models.TransientModel):
    """Turns a bundle proposal, or needs picked by hand, into one or more courses."""

    _name = "qnetz.bundle.wizard"
    _inherit = "qnetz.weekday.mixin"
    _description = "Bundle Needs into a Course"

    def _default_need_ids(self):
        if self.env.context.get("active_model") == "qnetz.need":
            return [(6, 0, self.env.context.get("active_ids") or [])]
        return []

    need_ids = fields.Many2many(
        "qnetz.need", "qnetz_bundle_wizard_need_rel", "wizard_id", "need_id",
        string="Training Needs", default=_default_need_ids)
    name = fields.Char(string="Course Title", required=True)
    area = fields.Selection(AREAS)
    occupation_id = fields.Many2one("qnetz.occupation", string="Training Occupation")
    module_id = fields.Many2one("qnetz.course.module", string="Course Module",
                                help="Its description becomes the course page's.")
    candidate_module_ids = fields.Many2many(
        "qnetz.course.module", "qnetz_bundle_wizard_candidate_module_rel", "wizard_id",
        "module_id", string="Candidate Modules", readonly=True,
        help="Modules the needs were matched to below the confidence that qualifying "
             "adopts, or that differ between the needs: check them before choosing one.")
    provider_id = fields.Many2one(
        "res.partner", string="Provider",
        domain=PROVIDER_DOMAIN)
    district_id = fields.Many2one("qnetz.district", string="Venue District")
    address_id = fields.Many2one("res.partner", string="Venue")
    date_begin = fields.Datetime(string="Start", required=True,
                                 default=lambda self: self._default_date_begin())
    date_end = fields.Datetime(string="End", required=True,
                               default=lambda self: self._default_date_begin(days=28))
    seats_min = fields.Integer(
        string="Minimum Participants",
        default=lambda self: self.env["event.event"]._qnetz_default_seats()[0])
    seats_max = fields.Integer(
        string="Maximum Participants",
        default=lambda self: self.env["event.event"]._qnetz_default_seats()[1])
    fee_model = fields.Selection(FEE_MODELS, default="per_participant")
    fee_amount = fields.Float(string="Fee")
    funding_share = fields.Float(string="Funding Share (%)")
    provider_fee = fields.Float()
    participant_count = fields.Integer(compute="_compute_participant_count",
                                       string="Participants")
    course_count = fields.Integer(
        string="Number of Courses", default=1,
        help="Split the needs into this many courses, e.g. when they exceed the maximum.")
    register_apprentices = fields.Boolean(
        string="Register the Named Apprentices", default=True)
    # The sessions' rhythm, proposed from the needs' wishes and the calendars
    start_time = fields.Float(default=16.0)
    hours = fields.Float(string="Hours per Session", default=3.0)
    session_count = fields.Integer(
        string="Number of Sessions", default=0,
        help="Generate this many sessions from the start, around holidays and school days; "
             "0: add the sessions later.")
    avoid_school_days = fields.Boolean(string="Avoid Vocational-School Days", default=True)
    school_holiday_gaps = fields.Text(
        string="Missing School Holidays", compute="_compute_school_holiday_gaps",
        help="School years between start and end for which a state's school holidays are "
             "not entered: the dates cannot avoid them.")
    gap_state_ids = fields.Many2many("res.country.state",
                                     compute="_compute_school_holiday_gaps",
                                     string="States without School Holidays")

    @api.model
    def _default_date_begin(self, days=0):
        start = datetime.combine(fields.Date.from_string(fields.Date.context_today(self))
                                 + timedelta(days=30 + days), time(8, 0))
        return fields.Datetime.to_string(start)

    @api.model
    def default_get(self, fields_list):
        values = super(QnetzBundleWizard, self).default_get(fields_list)
        needs = self.env["qnetz.need"]
        for command in values.get("need_ids") or []:
            if command[0] == 6:
                needs |= needs.browse(command[2])
        if needs:
            first = needs[0]
            values.setdefault("area", first.area)
            if len(needs.mapped("occupation_id")) == 1:
                values.setdefault("occupation_id", first.occupation_id.id)
            module, candidates = self._proposed_module(needs)
            if module:
                values.setdefault("module_id", module.id)
            values["candidate_module_ids"] = [(6, 0, candidates.ids)]
            if not values.get("name"):
                values["name"] = first.occupation_id.name and "%s: %s" % (
                    first.topic, first.occupation_id.name) or first.topic
            districts = needs.mapped("district_id")
            if len(districts) == 1:
                values.setdefault("district_id", districts.id)
            values.update(self._proposed_schedule(needs))
            seats_max = values.get("seats_max") or \
                self.env["event.event"]._qnetz_default_seats()[1]
            total = sum(needs.mapped("participant_count"))
            values["course_count"] = max(1, int(math.ceil(float(total) / seats_max)))
        if "funding_share" in fields_list and values.get("date_begin"):
            values["funding_share"] = self.env["event.event"]._qnetz_default_funding_share(
                values["date_begin"])
        return values

    @api.model
    def create(self, vals):
        # a course made from an accepted quote gets its project's share like any other
        if "funding_share" not in vals and vals.get("date_begin"):
            vals = dict(vals, funding_share=self.env[
                "event.event"]._qnetz_default_funding_share(vals["date_begin"]))
        return super(QnetzBundleWizard, self).create(vals)

    @api.onchange("date_begin")
    def _onchange_date_begin_funding_share(self):
        # the share follows the project of the start date; the coordinator may change it
        self.funding_share = self.env["event.event"]._qnetz_default_funding_share(
            self.date_begin)

    @api.model
    def _proposed_module(self, needs):
        """(module, candidates): the module the needs agree on, from the coordinator's
        choice or a confident suggestion only (else an empty recordset), and the other
        modules they were matched to, for the coordinator to check."""
        Module = self.env["qnetz.course.module"]
        agreed = {(need.module_id or (need.match_confident and need.match_module_id)
                   or Module).id for need in needs}
        module = Module.browse(agreed.pop()) if len(agreed) == 1 and None not in agreed \
            and False not in agreed else Module
        candidates = needs.mapped("module_id") | needs.mapped("match_module_id")
        return module, candidates - module

    @api.model
    def _proposed_schedule(self, needs):
        """Start, weekdays and times from the needs' wishes, clear of the calendars."""
        proposal = self.env["qnetz.calendar"]._qnetz_propose(needs)
        values = {key: number in proposal["weekdays"] for key, number in WEEKDAYS}
        start, hour, hours = proposal["date_start"], proposal["start_hour"], proposal["hours"]
        values.update({
            "start_time": hour, "hours": hours,
            "avoid_school_days": proposal["avoid_school_days"],
            "date_begin": local_to_utc_string(start, hour),
            "date_end": local_to_utc_string(proposal["date_end"], hour + hours),
        })
        return values

    @api.onchange("need_ids")
    def _onchange_proposed_sessions(self):
        # only in the form: a caller that creates the wizard in code gets no sessions
        # unless it asks for them
        if self.need_ids and not self.session_count:
            self.session_count = self.env["qnetz.calendar"]._qnetz_propose(
                self.need_ids)["sessions"]

    @api.depends("need_ids", "date_begin", "date_end", "district_id", "address_id")
    def _compute_school_holiday_gaps(self):
        Calendar = self.env["qnetz.calendar"]
        for wizard in self:
            if not wizard.date_begin or not wizard.date_end:
                continue
            # the wizard carries the course-to-be's venue (address_id, district_id)
            states = Calendar._qnetz_served_state_records(needs=wizard.need_ids,
                                                          course=wizard)
            first = utc_string_to_local(wizard.date_begin).date()
            last = max(first, utc_string_to_local(wizard.date_end).date())
            gaps = Calendar._qnetz_school_holiday_gaps(states, first, last)
            wizard.gap_state_ids = [(6, 0, [state.id for state, _start in gaps])]
            wizard.school_holiday_gaps = Calendar._qnetz_school_holiday_warning(gaps) \
                or False

    @api.multi
    def action_open_school_holidays(self):
        return self.env["qnetz.holiday"]._qnetz_open_school_holidays(self.gap_state_ids)

    @api.multi
    def action_import_school_holidays(self):
        return self.env["qnetz.holiday.import"]._qnetz_open(self.gap_state_ids)

    @api.depends("need_ids.participant_count")
    def _compute_participant_count(self):
        for wizard in self:
            wizard.participant_count = sum(wizard.need_ids.mapped("participant_count"))

    @api.onchange("need_ids", "seats_max")
    def _onchange_course_count(self):
        if self.seats_max > 0:
            self.course_count = max(1, int(math.ceil(
                float(self.participant_count) / self.seats_max)))

    def _split_needs(self):
        """Distribute the needs over the courses, a need never split, the courses even."""
        buckets = [[0, []] for _index in range(self.course_count)]
        for need in self.need_ids.sorted(lambda n: (-n.participant_count, n.id)):
            bucket = min(buckets, key=lambda b: b[0])
            bucket[0] += need.participant_count
            bucket[1].append(need.id)
        return [self.env["qnetz.need"].browse(ids) for _count, ids in buckets if ids]

    @api.multi
    def action_create_courses(self):
        self.ensure_one()
        if not self.need_ids:
            raise UserError(_("Training Needs: choose at least one need to bundle."))
        wrong = self.need_ids.filtered(lambda n: n.state != "qualified" or n.course_id)
        if wrong:
            raise UserError(_("Training Needs: only qualified needs that are not in a course "
                              "can be bundled (%s).") % ", ".join(wrong.mapped("name")))
        if self.course_count < 1:
            raise UserError(_("Number of Courses: at least one course must be created."))
        if self.seats_max < 1 or self.seats_min > self.seats_max:
            raise UserError(_("Maximum Participants: the maximum must be at least one and not "
                              "below the minimum."))
        if self.date_end <= self.date_begin:
            raise UserError(_("End: the course must end after it starts."))
        groups = self._split_needs()
        Event = self.env["event.event"]
        Registration = self.env["event.registration"]
        courses = Event
        for index, needs in enumerate(groups, start=1):
            name = self.name if len(groups) == 1 else "%s (%d/%d)" % (
                self.name, index, len(groups))
            try:
                course = Event.create(self._course_values(name))
            except ValidationError as error:
                raise UserError(error.name)
            needs.write({"course_id": course.id, "state": "bundled"})
            if self.register_apprentices:
                for need in needs:
                    for apprentice in need.apprentice_ids:
                        payer = need.partner_id if need.partner_id.is_training_company \
                            else apprentice.employer_id
                        Registration.create({
                            "event_id": course.id,
                            "apprentice_id": apprentice.id,
                            "paying_partner_id": payer.id,
                            "need_id": need.id,
                        })
            course.message_post(body=_("Bundled from the needs %s.") % ", ".join(
                needs.mapped("name")))
            if self.session_count > 0:
                try:
                    self._generate_sessions(course)
                except ValidationError as error:
                    # e.g. the venue is taken then: a message to act on, not a server error
                    raise UserError(error.name)
            courses |= course
        action = self.env.ref("qnetz_courses.qnetz_course_action").read()[0]
        if len(courses) == 1:
            # the course form of the network, not event's stock form (views (False, ...)
            # would pick the stock one, which has the lower priority)
            form = self.env.ref("qnetz_courses.qnetz_course_view_form")
            action.update({"res_id": courses.id, "view_mode": "form",
                           "views": [(form.id, "form")]})
        else:
            action["domain"] = [("id", "in", courses.ids)]
        return action

    def _generate_sessions(self, course):
        weekdays = self._qnetz_weekday_numbers()
        start = fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(self.date_begin)).date()
        sessions, skipped = course._qnetz_generate_sessions(
            start, weekdays, self.start_time, self.hours, count=self.session_count,
            school_days=self.avoid_school_days)
        if skipped:
            course.message_post(body=html_text(_("Left out:") + "\n" + course._qnetz_format_skipped(
                skipped)))
        return sessions

    def _course_values(self, name):
        return {
            "name": name,
            "is_qnetz_course": True,
            "area": self.area,
            "occupation_id": self.occupation_id.id,
            "provider_id": self.provider_id.id,
            "district_id": self.district_id.id,
            "address_id": self.address_id.id or self.provider_id.id or False,
            "date_begin": self.date_begin,
            "date_end": self.date_end,
            "seats_min": self.seats_min,
            "seats_max": self.seats_max,
            "seats_availability": "limited",
            "fee_model": self.fee_model,
            "fee_amount": self.fee_amount,
            "funding_share": self.funding_share,
            "provider_fee": self.provider_fee,
            "module_id": self.module_id.id,
            "description": self.module_id.description or False,
        }
