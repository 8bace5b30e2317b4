from odoo import _, api, fields, models, tools

from odoo.addons.qnetz_base.models.qnetz_need import AREAS, TIMES

DEFAULT_SEATS_MIN = 6
DEFAULT_SEATS_MAX = 12


class QnetzBundleProposal(models.Model):
    """Open needs that could make one local course, computed by one SQL view.

    Qualified needs that are not yet in a course are grouped by area, topic (ignoring
    case and surrounding spaces), side of the Weser and company; a course on one topic
    can serve apprentices of several occupations, so the occupation is shown when all
    needs of the group share it. A need that accepts either
    side counts on the side of its own district. Time preferences do not split a group:
    the view counts participants per preference, proposes the most wanted time and
    flags groups whose wishes conflict.
    """

    _name = "qnetz.bundle.proposal"
    _description = "Bundle Proposal"
    _auto = False
    _order = "participant_count desc, id"

    name = fields.Char(compute="_compute_name", string="Proposal")
    area = fields.Selection(AREAS, readonly=True)
    occupation_id = fields.Many2one("qnetz.occupation", string="Training Occupation",
                                    readonly=True)
    occupation_count = fields.Integer(readonly=True, string="Occupations")
    topic = fields.Char(readonly=True)
    topics = fields.Char(readonly=True, string="Topics Named")
    place = fields.Selection(
        [("hoexter", "Höxter side"), ("holzminden", "Holzminden side"),
         ("either", "Either side")], readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    need_count = fields.Integer(readonly=True, string="Needs")
    participant_count = fields.Integer(readonly=True, string="Participants")
    partner_count = fields.Integer(readonly=True, string="Companies")
    seats_min = fields.Integer(readonly=True, string="Minimum")
    seats_max = fields.Integer(readonly=True, string="Maximum")
    course_count = fields.Integer(
        readonly=True, string="Courses Needed",
        help="How many courses of the maximum size the participants fill.")
    fill_state = fields.Selection(
        [("below", "Below minimum"), ("ok", "Enough for a course"),
         ("above", "Above maximum: split")], readonly=True, string="Size")
    suggested_time = fields.Selection(TIMES, readonly=True)
    time_conflict = fields.Boolean(
        readonly=True, string="Conflicting Times",
        help="The needs ask for different times; not all may fit one course.")
    evening_count = fields.Integer(readonly=True, string="Evenings")
    saturday_count = fields.Integer(readonly=True, string="Saturdays")
    block_count = fields.Integer(readonly=True, string="Block Weeks")
    school_day_count = fields.Integer(readonly=True, string="School Days")
    any_time_count = fields.Integer(readonly=True, string="Any Time")
    earliest_start = fields.Date(readonly=True, string="Earliest Wanted Start")
    max_urgency = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")],
        readonly=True, string="Highest Urgency")
    need_ids = fields.Many2many(
        "qnetz.need", compute="_compute_need_ids", string="Training Needs")
    # Computed in Python from the calendars, for the form only: the list stays one query.
    proposed_start = fields.Date(
        compute="_compute_proposed_schedule",
        help="First free day of the proposed pattern on or after the earliest wanted start, "
             "clear of the holidays and the apprentices' school days.")
    proposed_pattern = fields.Char(compute="_compute_proposed_schedule",
                                   string="Proposed Rhythm")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW qnetz_bundle_proposal AS (
            WITH params AS (
                SELECT COALESCE((SELECT value FROM ir_config_parameter
                                  WHERE key = 'qnetz_courses.default_seats_min'), '%(min)s')::int
                           AS seats_min,
                       COALESCE((SELECT value FROM ir_config_parameter
                                  WHERE key = 'qnetz_courses.default_seats_max'), '%(max)s')::int
                           AS seats_max
            ), keyed AS (
                SELECT n.id, n.area, n.occupation_id, n.topic, n.company_id, n.partner_id,
                       n.participant_count, n.preferred_time, n.wanted_start, n.urgency,
                       lower(btrim(n.topic)) AS topic_key,
                       CASE WHEN n.preferred_place = 'either'
                            THEN COALESCE(d.place, 'either') ELSE n.preferred_place END
                           AS place
                  FROM qnetz_need n
             LEFT JOIN qnetz_district d ON d.id = n.district_id
                 WHERE n.state = 'qualified' AND n.course_id IS NULL
            ), grouped AS (
                SELECT min(k.id) AS id, k.area, k.topic_key, k.place, k.company_id,
                       CASE WHEN count(DISTINCT k.occupation_id) = 1
                             AND count(k.occupation_id) = count(*)
                            THEN min(k.occupation_id) END AS occupation_id,
                       count(DISTINCT k.occupation_id) AS occupation_count,
                       min(k.topic) AS topic,
                       left(string_agg(DISTINCT k.topic, ', '), 250) AS topics,
                       count(*) AS need_count,
                       sum(k.participant_count) AS participant_count,
                       count(DISTINCT k.partner_id) AS partner_count,
                       sum(CASE WHEN k.preferred_time = 'evening'
                                THEN k.participant_count ELSE 0 END) AS evening_count,
                       sum(CASE WHEN k.preferred_time = 'saturday'
                                THEN k.participant_count ELSE 0 END) AS saturday_count,
                       sum(CASE WHEN k.preferred_time = 'block'
                                THEN k.participant_count ELSE 0 END) AS block_count,
                       sum(CASE WHEN k.preferred_time = 'school_day'
                                THEN k.participant_count ELSE 0 END) AS school_day_count,
                       sum(CASE WHEN k.preferred_time = 'any'
                                THEN k.participant_count ELSE 0 END) AS any_time_count,
                       count(DISTINCT NULLIF(k.preferred_time, 'any')) AS time_kinds,
                       min(k.wanted_start) AS earliest_start,
                       max(k.urgency) AS max_urgency
                  FROM keyed k
              GROUP BY k.area, k.topic_key, k.place, k.company_id
            )
            SELECT g.id, g.area, g.occupation_id, g.occupation_count, g.topic, g.topics,
                   g.place, g.company_id,
                   g.need_count, g.participant_count, g.partner_count,
                   g.evening_count, g.saturday_count, g.block_count, g.school_day_count,
                   g.any_time_count, g.earliest_start, g.max_urgency,
                   p.seats_min, p.seats_max,
                   ceil(g.participant_count::numeric / GREATEST(p.seats_max, 1))::int
                       AS course_count,
                   CASE WHEN g.participant_count < p.seats_min THEN 'below'
                        WHEN g.participant_count > p.seats_max THEN 'above'
                        ELSE 'ok' END AS fill_state,
                   g.time_kinds > 1 AS time_conflict,
                   COALESCE((SELECT t.kind FROM (VALUES
                                ('evening', g.evening_count), ('saturday', g.saturday_count),
                                ('block', g.block_count), ('school_day', g.school_day_count))
                                AS t(kind, cnt)
                              WHERE t.cnt > 0 ORDER BY t.cnt DESC, t.kind LIMIT 1), 'any')
                       AS suggested_time
              FROM grouped g CROSS JOIN params p
            )
        """, {"min": DEFAULT_SEATS_MIN, "max": DEFAULT_SEATS_MAX})

    @api.depends("area", "occupation_id", "topic", "place")
    def _compute_name(self):
        areas = dict(self._fields["area"]._description_selection(self.env))
        places = dict(self._fields["place"]._description_selection(self.env))
        for proposal in self:
            what = proposal.topic
            if proposal.occupation_id:
                what = "%s, %s" % (what, proposal.occupation_id.name)
            proposal.name = "%s: %s (%s)" % (
                areas.get(proposal.area, ""), what, places.get(proposal.place, ""))

    def _needs_domain(self):
        self.ensure_one()
        domain = [("state", "=", "qualified"), ("course_id", "=", False),
                  ("area", "=", self.area), ("company_id", "=", self.company_id.id),
                  ("topic", "ilike", (self.topic or "").strip())]
        if self.place == "either":
            domain += [("preferred_place", "=", "either"), ("district_id", "=", False)]
        else:
            domain += ["|", ("preferred_place", "=", self.place),
                       "&", ("preferred_place", "=", "either"),
                       ("district_id.place", "=", self.place)]
        return domain

    def _get_needs(self):
        self.ensure_one()
        key = (self.topic or "").strip().lower()
        return self.env["qnetz.need"].search(self._needs_domain()).filtered(
            lambda n: (n.topic or "").strip().lower() == key)

    def _compute_need_ids(self):
        for proposal in self:
            proposal.need_ids = proposal._get_needs()

    def _compute_proposed_schedule(self):
        Calendar = self.env["qnetz.calendar"]
        for proposal in self:
            needs = proposal._get_needs()
            if not needs:
                continue
            plan = Calendar._qnetz_propose(needs)
            proposal.proposed_start = fields.Date.to_string(plan["date_start"])
            proposal.proposed_pattern = Calendar._qnetz_pattern_label(plan)

    @api.multi
    def action_create_course(self):
        self.ensure_one()
        # public, so callable over RPC by anyone who reads proposals
        self.env["event.event"].check_access_rights("create")
        return {
            "name": _("Create Course"),
            "type": "ir.actions.act_window",
            "res_model": "qnetz.bundle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_need_ids": [(6, 0, self._get_needs().ids)],
                        "default_name": self.name},
        }
