from odoo import api, fields, models

# A module is suggested from a score of at least this much (see _qnetz_match_sql).
MATCH_THRESHOLD = 0.85
# A term counts as found in a need's text from this trigram word similarity on.
TERM_SIMILARITY = 0.6
MATCH_FIELDS = ("topic", "description", "area", "occupation_id")

# One statement ranks the active modules for a set of needs. Each module's terms (name,
# keywords, synonyms) are looked up in the need's topic and notes: found by the German
# full-text search (stems: "Schweißen"/"Schweißer") or, failing that, by pg_trgm's word
# similarity (typos and compounds: "Hydrauliksysteme", "Pneumatk"). The best term counts,
# every further term found adds a little, and the need's area and occupation decide
# between modules that share words ("Fachrechnen Metall" / "Fachrechnen Elektro").
# Needs with the same text, area and occupation are ranked once.
MATCH_SQL = """
    WITH need AS (
        SELECT n.id, n.area, n.occupation_id,
               lower(unaccent(concat_ws(' ', n.topic, n.description))) AS txt
          FROM qnetz_need n
         WHERE n.id = ANY(%(ids)s)
    ), text AS (
        SELECT DISTINCT txt, area, occupation_id,
               to_tsvector('german', txt) AS tsv
          FROM need
    ), term AS (
        SELECT m.id AS module_id, m.area, lower(unaccent(btrim(t.term))) AS term,
               plainto_tsquery('german', lower(unaccent(btrim(t.term)))) AS query
          FROM qnetz_course_module m,
               regexp_split_to_table(concat_ws(E'\\n', m.name, m.keywords, m.synonyms),
                                     E'[\\n,;]+') AS t(term)
         WHERE m.active AND length(btrim(t.term)) > 1
    ), hit AS (
        SELECT x.txt, x.area AS need_area, x.occupation_id, term.module_id,
               term.area AS module_area,
               CASE WHEN numnode(term.query) > 0 AND x.tsv @@ term.query THEN 1.0
                    ELSE word_similarity(term.term, x.txt) END AS sim
          FROM text x CROSS JOIN term
    ), scored AS (
        SELECT h.txt, h.need_area, h.occupation_id, h.module_id,
               max(h.sim)
               + 0.1 * least(count(*) FILTER (WHERE h.sim >= %(term_sim)s) - 1, 3)
               + CASE WHEN min(h.module_area) = h.need_area THEN 0.25 ELSE 0 END
               + CASE WHEN h.occupation_id IS NULL OR NOT EXISTS (
                          SELECT 1 FROM qnetz_course_module_occupation_rel r
                           WHERE r.module_id = h.module_id) THEN 0
                      WHEN EXISTS (
                          SELECT 1 FROM qnetz_course_module_occupation_rel r
                           WHERE r.module_id = h.module_id
                             AND r.occupation_id = h.occupation_id) THEN 0.3
                      ELSE -0.6 END AS score
          FROM hit h
         GROUP BY h.txt, h.need_area, h.occupation_id, h.module_id
        HAVING max(h.sim) >= %(term_sim)s
    )
    SELECT need.id, s.module_id, s.score,
           row_number() OVER (PARTITION BY need.id ORDER BY s.score DESC, s.module_id) AS rank
      FROM need
      JOIN scored s ON s.txt = need.txt AND s.need_area = need.area
                   AND s.occupation_id IS NOT DISTINCT FROM need.occupation_id
     WHERE s.score >= %(threshold)s
"""


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
        help="The module that fits the need's topic and notes best.")
    match_score = fields.Float(readonly=True, copy=False)
    topic_key = fields.Char(
        readonly=True, copy=False, index=True,
        help="The topic's word stems: needs without a module are grouped by them.")
    module_suggestion_ids = fields.Many2many(
        "qnetz.course.module", compute="_compute_module_suggestion_ids",
        string="Suggested Modules")

    @api.model
    def _qnetz_rank_modules(self, need_ids, limit=3):
        """{need id: [(module id, score), ...]} best first, at most `limit` each."""
        if not need_ids:
            return {}
        self.env.cr.execute(
            "SELECT * FROM (%s) ranked WHERE rank <= %%(limit)s ORDER BY id, rank" % MATCH_SQL,
            {"ids": list(need_ids), "term_sim": TERM_SIMILARITY,
             "threshold": MATCH_THRESHOLD, "limit": limit})
        ranking = {}
        for need_id, module_id, score, _rank in self.env.cr.fetchall():
            ranking.setdefault(need_id, []).append((module_id, score))
        return ranking

    @api.model
    def _qnetz_match_ids(self, need_ids):
        """Store the best module and the topic key of these needs: one statement."""
        if not need_ids:
            return
        self.env.cr.execute("""
            WITH best AS (SELECT * FROM (%s) ranked WHERE rank = 1)
            UPDATE qnetz_need n
               SET match_module_id = best.module_id,
                   match_score = COALESCE(best.score, 0),
                   topic_key = array_to_string(tsvector_to_array(to_tsvector(
                       'german', regexp_replace(lower(unaccent(COALESCE(n.topic, ''))),
                                                '[^[:alnum:]]+', ' ', 'g'))), ' ')
              FROM qnetz_need m LEFT JOIN best ON best.id = m.id
             WHERE n.id = m.id AND m.id = ANY(%%(ids)s)
        """ % MATCH_SQL, {"ids": list(need_ids), "term_sim": TERM_SIMILARITY,
                          "threshold": MATCH_THRESHOLD})
        self.invalidate_cache(
            ["match_module_id", "match_score", "topic_key"], list(need_ids))

    @api.multi
    def _compute_module_suggestion_ids(self):
        ranking = self._qnetz_rank_modules([i for i in self.ids if isinstance(i, int)])
        Module = self.env["qnetz.course.module"]
        for need in self:
            need.module_suggestion_ids = Module.browse(
                [module_id for module_id, _score in ranking.get(need.id, [])])

    @api.model
    def create(self, vals):
        need = super(QnetzNeed, self).create(vals)
        self._qnetz_match_ids(need.ids)
        return need

    @api.multi
    def write(self, vals):
        if vals.get("state") == "qualified" and "module_id" not in vals:
            # qualifying confirms the suggestion unless the coordinator chose a module
            for need in self.filtered(lambda n: not n.module_id and n.match_module_id):
                super(QnetzNeed, need).write({"module_id": need.match_module_id.id})
        result = super(QnetzNeed, self).write(vals)
        if any(name in vals for name in MATCH_FIELDS):
            self._qnetz_match_ids(self.ids)
        return result

    @api.multi
    def action_use_suggested_module(self):
        # a button of the coordinator: refused, not silently empty, for anyone else
        self.check_access_rights("write")
        self.check_access_rule("write")
        for need in self.filtered("match_module_id"):
            need.module_id = need.match_module_id
        return True
