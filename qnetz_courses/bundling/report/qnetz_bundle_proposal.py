from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from odoo.addons.qnetz_base.models.qnetz_need import AREAS, TIMES

from ...spine.models.event_event import DEFAULT_SEATS_MAX, DEFAULT_SEATS_MIN

PROPOSAL_WORK_MEM = "64MB"


class QnetzBundleProposal(models.Model):
    """Open needs that could make one local course, computed by SQL views.

    Qualified needs that are not yet in a course are grouped by their course module (the
    one the coordinator chose or qualifying adopted as a confident suggestion), needs
    without a module by the stems of their topic and their area; then by side of the
    Weser and company. A course of one module can serve apprentices of several
    occupations, so the occupation is shown when all needs of the group share it.

    A need that accepts either side counts on the side of its own district, unless that
    leaves a side below the minimum: then the flexible needs of both sides are pooled on
    the side where they make the bigger group, when that group reaches the minimum
    (Weser pooling). The view qnetz_bundle_assignment says which proposal each need
    belongs to. Time preferences do not split a group: the view counts participants per
    preference, proposes the most wanted time and flags groups whose wishes conflict.
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
    module_id = fields.Many2one("qnetz.course.module", string="Course Module", readonly=True)
    topic = fields.Char(readonly=True)
    topics = fields.Char(readonly=True, string="Topics Named")
    place = fields.Selection(
        [("hoexter", "Höxter side"), ("holzminden", "Holzminden side"),
         ("either", "Either side")], readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    need_count = fields.Integer(readonly=True, string="Needs")
    cross_border = fields.Boolean(
        readonly=True, string="Across the Weser",
        help="Needs that accept either side were pooled from the other side of the Weser "
             "to bring the group to its minimum.")
    crossed_count = fields.Integer(
        readonly=True, string="Participants from the Other Side")
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
    school_holiday_gaps = fields.Text(
        string="Missing School Holidays", compute="_compute_proposed_schedule",
        help="School years of the proposed dates for which a state's school holidays are "
             "not entered: the proposal cannot avoid them.")
    gap_state_ids = fields.Many2many("res.country.state",
                                     compute="_compute_proposed_schedule",
                                     string="States without School Holidays")
    # The venue with the least travel for the participants, in Python for the form only.
    venue_town_id = fields.Many2one(
        "qnetz.town", compute="_compute_venue", string="Suggested Venue",
        help="Of the towns where the module's providers teach (all towns when none is "
             "known), the one with the least straight-line travel for the participants "
             "from their companies' towns.")
    venue_provider_ids = fields.Many2many(
        "res.partner", compute="_compute_venue", string="Providers There")
    max_distance = fields.Float(compute="_compute_venue", string="Longest Distance (km)",
                                digits=(6, 1))
    avg_distance = fields.Float(compute="_compute_venue", string="Average Distance (km)",
                                digits=(6, 1))
    unplaced_count = fields.Integer(
        compute="_compute_venue", string="Participants without a Known Town",
        help="Their companies' towns are not among the network's towns: not counted in "
             "the distances.")

    @api.model_cr
    def init(self):
        cr = self.env.cr
        tools.drop_view_if_exists(cr, self._table)
        tools.drop_view_if_exists(cr, "qnetz_bundle_assignment")
        tools.drop_view_if_exists(cr, "qnetz_bundle_placed")
        # Each open need with its group (module, else area and topic stems) and its side
        # of the Weser after pooling. Aggregates and hash joins, no sort of all needs:
        # 100,000 needs stay well under a second.
        cr.execute("""
            CREATE OR REPLACE VIEW qnetz_bundle_placed AS (
            WITH params AS (
                SELECT COALESCE((SELECT value FROM ir_config_parameter
                                  WHERE key = 'qnetz_courses.default_seats_min'), '%(min)s')::int
                           AS seats_min
            ), keyed AS NOT MATERIALIZED (
                SELECT n.id, n.company_id, n.participant_count, n.partner_id,
                       n.occupation_id, n.topic, n.preferred_time, n.wanted_start,
                       n.urgency, m.id AS module_id,
                       COALESCE(m.area, n.area) AS area,
                       -- needs without a module: by area and the stems of the topic
                       COALESCE('m' || m.id, 't:' || n.area || ':' || COALESCE(
                           NULLIF(n.topic_key, ''), lower(btrim(n.topic))))
                           AS group_key,
                       n.preferred_place = 'either' AS flexible,
                       CASE WHEN n.preferred_place = 'either'
                            THEN COALESCE(d.place, 'either') ELSE n.preferred_place END
                           AS own_place
                  FROM qnetz_need n
             LEFT JOIN qnetz_district d ON d.id = n.district_id
             LEFT JOIN qnetz_course_module m ON m.id = n.module_id
                 WHERE n.state = 'qualified' AND n.course_id IS NULL
            ), sides AS (
                SELECT k.group_key, k.company_id,
                       sum(k.participant_count) FILTER (WHERE k.own_place = 'hoexter')
                           AS hx_own,
                       sum(k.participant_count) FILTER (WHERE k.own_place = 'holzminden')
                           AS hol_own,
                       sum(k.participant_count) FILTER (
                           WHERE NOT k.flexible AND k.own_place = 'hoexter') AS hx_fixed,
                       sum(k.participant_count) FILTER (
                           WHERE NOT k.flexible AND k.own_place = 'holzminden') AS hol_fixed,
                       sum(k.participant_count) FILTER (WHERE k.flexible) AS flex
                  FROM keyed k
              GROUP BY k.group_key, k.company_id
            ), pools AS (
                -- flexible needs cross the Weser when a side stays below the minimum and
                -- pooling them makes a group of at least the minimum
                SELECT s.group_key, s.company_id,
                       CASE WHEN s.flex IS NULL OR (COALESCE(s.hx_own, 0) >= p.seats_min
                                                   AND COALESCE(s.hol_own, 0) >= p.seats_min)
                            THEN NULL
                            WHEN COALESCE(s.hx_fixed, 0) >= COALESCE(s.hol_fixed, 0)
                                 AND COALESCE(s.hx_fixed, 0) + s.flex >= p.seats_min
                            THEN 'hoexter'
                            WHEN COALESCE(s.hol_fixed, 0) + s.flex >= p.seats_min
                            THEN 'holzminden'
                            WHEN COALESCE(s.hx_fixed, 0) + s.flex >= p.seats_min
                            THEN 'hoexter' END AS pool_place
                  FROM sides s CROSS JOIN params p
            )
            SELECT k.*,
                   CASE WHEN k.flexible AND o.pool_place IS NOT NULL THEN o.pool_place
                        ELSE k.own_place END AS place,
                   k.flexible AND o.pool_place IS NOT NULL
                       AND k.own_place IS DISTINCT FROM o.pool_place AS crossed
              FROM keyed k
              JOIN pools o ON o.group_key = k.group_key AND o.company_id = k.company_id
            )
        """, {"min": DEFAULT_SEATS_MIN})
        # Which proposal each need belongs to (a proposal's id is its smallest need's).
        cr.execute("""
            CREATE OR REPLACE VIEW qnetz_bundle_assignment AS (
            SELECT p.id AS need_id, p.group_key, p.module_id, p.area, p.company_id,
                   p.place, p.crossed,
                   min(p.id) OVER (PARTITION BY p.group_key, p.company_id, p.place)
                       AS proposal_id
              FROM qnetz_bundle_placed p
            )
        """)
        cr.execute("""
            CREATE OR REPLACE VIEW qnetz_bundle_proposal AS (
            WITH params AS (
                SELECT COALESCE((SELECT value FROM ir_config_parameter
                                  WHERE key = 'qnetz_courses.default_seats_min'), '%(min)s')::int
                           AS seats_min,
                       COALESCE((SELECT value FROM ir_config_parameter
                                  WHERE key = 'qnetz_courses.default_seats_max'), '%(max)s')::int
                           AS seats_max
            ), fine AS (
                -- first per company, occupation, topic and time (a few rows per group),
                -- so that the distinct counts below sort little
                SELECT n.group_key, n.company_id, n.place, n.partner_id, n.occupation_id,
                       n.topic, n.preferred_time,
                       min(n.id) AS id, min(n.area) AS area, min(n.module_id) AS module_id,
                       count(*) AS need_count, count(n.occupation_id) AS with_occupation,
                       sum(n.participant_count) AS participant_count,
                       sum(CASE WHEN n.crossed THEN n.participant_count ELSE 0 END)
                           AS crossed_count,
                       min(n.wanted_start) AS earliest_start, max(n.urgency) AS max_urgency
                  FROM qnetz_bundle_placed n
              GROUP BY n.group_key, n.company_id, n.place, n.partner_id, n.occupation_id,
                       n.topic, n.preferred_time
            ), grouped AS (
                SELECT min(f.id) AS id, min(f.area) AS area, f.place, f.company_id,
                       min(f.module_id) AS module_id,
                       CASE WHEN count(DISTINCT f.occupation_id) = 1
                             AND sum(f.with_occupation) = sum(f.need_count)
                            THEN min(f.occupation_id) END AS occupation_id,
                       count(DISTINCT f.occupation_id) AS occupation_count,
                       min(f.topic) AS topic,
                       left(string_agg(DISTINCT f.topic, ', '), 250) AS topics,
                       sum(f.need_count) AS need_count,
                       sum(f.participant_count) AS participant_count,
                       sum(f.crossed_count) AS crossed_count,
                       count(DISTINCT f.partner_id) AS partner_count,
                       sum(CASE WHEN f.preferred_time = 'evening'
                                THEN f.participant_count ELSE 0 END) AS evening_count,
                       sum(CASE WHEN f.preferred_time = 'saturday'
                                THEN f.participant_count ELSE 0 END) AS saturday_count,
                       sum(CASE WHEN f.preferred_time = 'block'
                                THEN f.participant_count ELSE 0 END) AS block_count,
                       sum(CASE WHEN f.preferred_time = 'school_day'
                                THEN f.participant_count ELSE 0 END) AS school_day_count,
                       sum(CASE WHEN f.preferred_time = 'any'
                                THEN f.participant_count ELSE 0 END) AS any_time_count,
                       count(DISTINCT NULLIF(f.preferred_time, 'any')) AS time_kinds,
                       min(f.earliest_start) AS earliest_start,
                       max(f.max_urgency) AS max_urgency
                  FROM fine f
              GROUP BY f.group_key, f.company_id, f.place
            )
            SELECT g.id, g.area, g.module_id, g.occupation_id, g.occupation_count,
                   COALESCE(m.name, g.topic) AS topic, g.topics,
                   g.place, g.company_id,
                   g.need_count, g.participant_count, g.crossed_count,
                   g.crossed_count > 0 AS cross_border, g.partner_count,
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
              LEFT JOIN qnetz_course_module m ON m.id = g.module_id
            )
        """, {"min": DEFAULT_SEATS_MIN, "max": DEFAULT_SEATS_MAX})

    def _qnetz_work_mem(self):
        # With PostgreSQL's default 4 MB the view's grouping of 100,000 needs sorts on
        # disk; with more it hashes in memory, 2-3 times faster. For this transaction only.
        self.env.cr.execute("SET LOCAL work_mem = %s", (PROPOSAL_WORK_MEM,))

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        self._qnetz_work_mem()
        return super(QnetzBundleProposal, self)._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        self._qnetz_work_mem()
        return super(QnetzBundleProposal, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.multi
    def _read_from_database(self, field_names, inherited_field_names=None):
        self._qnetz_work_mem()
        return super(QnetzBundleProposal, self)._read_from_database(
            field_names, inherited_field_names or [])

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None):
        """What the list view calls: one evaluation of the view instead of two (search,
        then read). The rows of the search fill the cache the values are taken from."""
        if fields == ["id"]:
            return super(QnetzBundleProposal, self).search_read(
                domain, fields, offset=offset, limit=limit, order=order)
        self.check_access_rights("read")
        self._qnetz_work_mem()
        query = self._where_calc(domain or [])
        self._apply_ir_rules(query, "read")
        order_by = self._generate_order_by(order, query)
        from_clause, where_clause, params = query.get_sql()
        columns = [name for name, field in self._fields.items()
                   if field.store and field.column_type and name != "id"]
        # the model's own table and columns; the domain's values travel as parameters
        self.env.cr.execute(  # pylint: disable=sql-injection
            "SELECT %s FROM %s%s%s%s%s" % (
                ", ".join('"%s"."%s"' % (self._table, name) for name in ["id"] + columns),
                from_clause, " WHERE %s" % where_clause if where_clause else "", order_by,
                " LIMIT %d" % limit if limit else "", " OFFSET %d" % offset if offset else ""),
            params)
        rows = self.env.cr.dictfetchall()
        records = self.browse([row.pop("id") for row in rows])
        for record, row in zip(records, rows):
            record._cache.update(record._convert_to_cache(row, validate=False))
        names = [name for name in (fields or list(self._fields))
                 if name in self._fields and name != "id"]
        result = []
        for record in records:
            values = {"id": record.id}
            for name in names:
                values[name] = self._fields[name].convert_to_read(record[name], record, True)
            result.append(values)
        return result

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        # Each read evaluates the whole view: fetch every column in that one evaluation,
        # else the name's inputs (topic, ...) would cost a second one.
        if not fields:
            return super(QnetzBundleProposal, self).read(fields, load=load)
        columns = [name for name, field in self._fields.items()
                   if field.store and field.column_type]
        rows = super(QnetzBundleProposal, self).read(
            list(set(fields) | set(columns)), load=load)
        wanted = set(fields) | {"id"}
        return [{key: value for key, value in row.items() if key in wanted} for row in rows]

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

    @api.model
    def _qnetz_need_ids_by_proposal(self, proposal_ids):
        """{proposal id: [need ids]} from the assignment view, in one query."""
        result = {}
        if proposal_ids:
            self.env.cr.execute(
                "SELECT proposal_id, need_id FROM qnetz_bundle_assignment "
                "WHERE proposal_id IN %s ORDER BY need_id", (tuple(proposal_ids),))
            for proposal_id, need_id in self.env.cr.fetchall():
                result.setdefault(proposal_id, []).append(need_id)
        return result

    def _get_needs(self):
        self.ensure_one()
        ids = self._qnetz_need_ids_by_proposal(self.ids).get(self.id, [])
        # the needs the caller may see (record rules)
        return self.env["qnetz.need"].search([("id", "in", ids)])

    def _compute_need_ids(self):
        by_proposal = self._qnetz_need_ids_by_proposal(self.ids)
        visible = self.env["qnetz.need"].search(
            [("id", "in", [i for ids in by_proposal.values() for i in ids])])
        for proposal in self:
            proposal.need_ids = visible.filtered(
                lambda n, p=proposal: n.id in by_proposal.get(p.id, ()))

    def _compute_venue(self):
        towns = self.env["qnetz.town"]._qnetz_by_name()
        by_proposal = self._qnetz_need_ids_by_proposal(self.ids)
        needs = self.env["qnetz.need"].browse(
            [i for ids in by_proposal.values() for i in ids]).sudo()
        for proposal in self:
            weights, unplaced = {}, 0
            for need in needs.filtered(lambda n, p=proposal: n.id in by_proposal.get(p.id, ())):
                company = need.partner_id.employer_id or need.partner_id.commercial_partner_id
                town = towns.get((company.city or "").strip().lower())
                if town:
                    weights[town] = weights.get(town, 0) + need.participant_count
                else:
                    unplaced += need.participant_count
            providers = proposal.module_id.sudo().provider_ids
            candidates = {}
            for provider in providers:
                town = towns.get((provider.city or "").strip().lower())
                if town:
                    candidates.setdefault(town, self.env["res.partner"])
                    candidates[town] |= provider
            if not candidates:
                candidates = {town: self.env["res.partner"] for town in towns.values()}
            proposal.unplaced_count = unplaced
            if not weights or not candidates:
                continue

            def travel(venue):
                return sum(weight * venue._qnetz_distance(town)
                           for town, weight in weights.items())
            best = min(sorted(candidates, key=lambda t: t.name), key=travel)
            total = sum(weights.values())
            proposal.venue_town_id = best
            proposal.venue_provider_ids = candidates[best]
            proposal.max_distance = max(best._qnetz_distance(town) for town in weights)
            proposal.avg_distance = travel(best) / total

    def _compute_proposed_schedule(self):
        Calendar = self.env["qnetz.calendar"]
        for proposal in self:
            needs = proposal._get_needs()
            if not needs:
                continue
            plan = Calendar._qnetz_propose(needs)
            proposal.proposed_start = fields.Date.to_string(plan["date_start"])
            proposal.proposed_pattern = Calendar._qnetz_pattern_label(plan)
            proposal.gap_state_ids = [
                (6, 0, [state.id for state, _start in plan["school_holiday_gaps"]])]
            proposal.school_holiday_gaps = Calendar._qnetz_school_holiday_warning(
                plan["school_holiday_gaps"]) or False

    @api.multi
    def action_open_school_holidays(self):
        return self.env["qnetz.holiday"]._qnetz_open_school_holidays(self.gap_state_ids)

    @api.multi
    def action_import_school_holidays(self):
        return self.env["qnetz.holiday.import"]._qnetz_open(self.gap_state_ids)

    @api.multi
    def action_request_quotes(self):
        """Ask the providers of the proposal's module for a quote: a draft request with
        the proposal's needs, for the coordinator to check and send."""
        self.ensure_one()
        self.env["qnetz.quote.request"].check_access_rights("create")
        if not self.module_id:
            raise UserError(_("Course Module: the needs of this proposal match no module of "
                              "the catalogue; please choose a module for them first."))
        needs = self._get_needs()
        request = self.env["qnetz.quote.request"].create({
            "name": self.module_id.name,
            "module_id": self.module_id.id,
            "need_ids": [(6, 0, needs.ids)],
            "participant_count": max(self.participant_count, 1),
            "place": self.place,
            "wanted_start": self.earliest_start,
            "venue_hint": self.venue_town_id and _(
                "%s (longest distance %.0f km, average %.0f km)") % (
                    self.venue_town_id.name, self.max_distance, self.avg_distance),
        })
        return {
            "name": _("Quote Request"),
            "type": "ir.actions.act_window",
            "res_model": "qnetz.quote.request",
            "view_mode": "form",
            "res_id": request.id,
        }

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
