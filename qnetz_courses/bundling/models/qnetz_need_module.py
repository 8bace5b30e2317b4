from psycopg2.extras import execute_values

from odoo import api, fields, models

from .. import matcher

MATCH_FIELDS = ("topic", "description", "area", "occupation_id")
# The matcher's index per database and state of the catalogue (see _qnetz_catalogue).
CATALOGUES = {}
ADOPT_PARAMETER = "qnetz_courses.match_adopt_confidence"


class QnetzNeed(models.Model):
    _inherit = "qnetz.need"

    module_id = fields.Many2one(
        "qnetz.course.module", string="Course Module", index=True, ondelete="restrict",
        track_visibility="onchange",
        help="The module of the catalogue that serves the need, confirmed by the "
             "coordinator when qualifying; proposals group the needs by it.")
    match_module_id = fields.Many2one(
        "qnetz.course.module", string="Suggested Module", readonly=True, copy=False,
        index=True, ondelete="set null",
        help="The module that fits the need's topic and notes best; empty when no module "
             "of the catalogue fits.")
    match_score = fields.Float(
        string="Confidence", readonly=True, copy=False, group_operator="avg",
        help="How much of the need's wording the suggested module explains (0 to 1). "
             "Qualifying adopts the suggestion only from the confidence set in the "
             "course settings (system parameter qnetz_courses.match_adopt_confidence, "
             "0.75 unless set); below it the coordinator chooses.")
    match_reason = fields.Char(
        string="Why", readonly=True, copy=False,
        help="The words of the need that the suggested module knows; a word with a "
             "question mark was read as a spelling slip.")
    match_confident = fields.Boolean(
        string="Confident Suggestion", readonly=True, copy=False,
        help="The suggestion reaches the confidence that qualifying adopts.")
    topic_key = fields.Char(
        readonly=True, copy=False, index=True,
        help="The topic's word stems: needs without a module are grouped by them.")
    module_suggestion_ids = fields.Many2many(
        "qnetz.course.module", compute="_compute_module_suggestion_ids",
        string="Suggested Modules")

    @api.model
    def _qnetz_adopt_confidence(self):
        value = self.env["ir.config_parameter"].sudo().get_param(ADOPT_PARAMETER)
        try:
            return float(value) if value else matcher.ADOPT_CONFIDENCE
        except ValueError:
            return matcher.ADOPT_CONFIDENCE

    @api.model
    def _qnetz_catalogue(self):
        """The matcher's index of the active modules, with the words of the needs the
        coordinator confirmed or corrected to each of them. Kept per database while the
        catalogue, the choices and the occupations stay as they are: one query checks the
        rows' count and newest version (xmin: a rolled-back change restores the old one),
        and a change in this process empties it at once (_qnetz_forget_catalogue)."""
        cr = self.env.cr
        cr.execute("""
            SELECT (SELECT concat(count(*), '/', max(xmin::text::bigint))
                      FROM qnetz_course_module),
                   (SELECT concat(count(*), '/', max(id)) FROM qnetz_match_feedback),
                   (SELECT concat(count(*), '/', max(xmin::text::bigint))
                      FROM qnetz_occupation)""")
        key = (cr.dbname,) + cr.fetchone()
        catalogue = CATALOGUES.get(key)
        if catalogue is None:
            CATALOGUES.clear()
            catalogue = CATALOGUES[key] = self._qnetz_build_catalogue()
        return catalogue

    @api.model
    def _qnetz_forget_catalogue(self):
        CATALOGUES.clear()

    @api.model
    def _qnetz_build_catalogue(self):
        """Four queries and the index in Python."""
        cr = self.env.cr
        cr.execute("""
            SELECT m.id, m.name, m.area, m.keywords, m.synonyms, m.language_levels,
                   array_remove(array_agg(DISTINCT r.occupation_id), NULL)
              FROM qnetz_course_module m
         LEFT JOIN qnetz_course_module_occupation_rel r ON r.module_id = m.id
             WHERE m.active
          GROUP BY m.id""")
        modules = [{"id": row[0], "name": row[1], "area": row[2],
                    "terms": [t for t in (row[1], row[3], row[4]) if t],
                    "levels": set(matcher.fold(row[5] or "").replace(",", " ").split()),
                    "occupation_ids": set(row[6]), "learned": []} for row in cr.fetchall()]
        by_id = {module["id"]: module for module in modules}
        cr.execute("SELECT module_id, topic FROM qnetz_match_feedback")
        for module_id, topic in cr.fetchall():
            if module_id in by_id:
                by_id[module_id]["learned"].append(topic or "")
        cr.execute("SELECT id, name FROM qnetz_occupation WHERE active")
        occupations = {row[0]: [row[1]] for row in cr.fetchall()}
        cr.execute("SELECT module || '.' || name, res_id FROM ir_model_data "
                   "WHERE model = 'qnetz.occupation'")
        return matcher.Catalogue(modules, occupations, dict(cr.fetchall()))

    @api.model
    def _qnetz_rank_modules(self, need_ids, limit=3, catalogue=None):
        """{need id: [Suggestion, ...]} best first, at most `limit` each."""
        if not need_ids:
            return {}
        catalogue = catalogue or self._qnetz_catalogue()
        self.env.cr.execute(
            "SELECT id, topic, description, area, occupation_id FROM qnetz_need "
            "WHERE id IN %s", (tuple(need_ids),))
        return {row[0]: catalogue.rank(row[1], row[2] or "", row[3], row[4], limit)
                for row in self.env.cr.fetchall()}

    @api.model
    def _qnetz_match_ids(self, need_ids):
        """Store the best module, its confidence and why, and the topic key."""
        if not need_ids:
            return
        catalogue = self._qnetz_catalogue()
        adopt = self._qnetz_adopt_confidence()
        self.env.cr.execute("SELECT id, topic FROM qnetz_need WHERE id IN %s",
                            (tuple(need_ids),))
        topics = dict(self.env.cr.fetchall())
        rows = []
        for need_id, ranking in self._qnetz_rank_modules(
                need_ids, limit=1, catalogue=catalogue).items():
            best = ranking[0] if ranking else None
            rows.append((
                need_id, best.module_id if best else None,
                best.confidence if best else 0.0,
                ", ".join(best.words) if best else None,
                bool(best and best.confidence >= adopt),
                matcher.key_words(topics.get(need_id))))
        execute_values(self.env.cr, """
            UPDATE qnetz_need n
               SET match_module_id = v.module_id, match_score = v.score,
                   match_reason = v.reason, match_confident = v.confident,
                   topic_key = v.topic_key
              FROM (VALUES %s) AS v(id, module_id, score, reason, confident, topic_key)
             WHERE n.id = v.id""", rows,
                       template="(%s, %s::int, %s::float, %s, %s, %s)", page_size=1000)
        self.invalidate_cache(
            ["match_module_id", "match_score", "match_reason", "match_confident",
             "topic_key"], list(need_ids))

    @api.multi
    def _compute_module_suggestion_ids(self):
        ranking = self._qnetz_rank_modules([i for i in self.ids if isinstance(i, int)])
        Module = self.env["qnetz.course.module"]
        for need in self:
            need.module_suggestion_ids = Module.browse(
                [suggestion.module_id for suggestion in ranking.get(need.id, [])])

    @api.model
    def create(self, vals):
        need = super(QnetzNeed, self).create(vals)
        self._qnetz_match_ids(need.ids)
        return need

    @api.multi
    def write(self, vals):
        if vals.get("state") == "qualified" and "module_id" not in vals:
            # qualifying adopts only a confident suggestion; below it the need waits for
            # the coordinator's choice (the form shows the confidence and why)
            for need in self.filtered(lambda n: not n.module_id and n.match_confident):
                super(QnetzNeed, need).write({"module_id": need.match_module_id.id})
        if vals.get("module_id"):
            self._qnetz_keep_choice(vals["module_id"])
        result = super(QnetzNeed, self).write(vals)
        if any(name in vals for name in MATCH_FIELDS):
            self._qnetz_match_ids(self.ids)
        return result

    def _qnetz_keep_choice(self, module_id):
        """The coordinator chose a module: keep it, so that the need's words count for
        that module from now on."""
        Feedback = self.env["qnetz.match.feedback"].sudo()
        self._qnetz_forget_catalogue()
        for need in self:
            if need.module_id.id == module_id:
                continue
            Feedback.create({
                "need_id": need.id, "topic": need.topic, "module_id": module_id,
                "suggested_module_id": need.match_module_id.id,
                "suggested_score": need.match_score,
                "user_id": self.env.uid})

    @api.multi
    def action_use_suggested_module(self):
        # a button of the coordinator: refused, not silently empty, for anyone else
        self.check_access_rights("write")
        self.check_access_rule("write")
        for need in self.filtered("match_module_id"):
            need.module_id = need.match_module_id
        return True
