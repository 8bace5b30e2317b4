import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.qnetz_base.models.qnetz_need import AREAS
from odoo.addons.qnetz_base.models.res_partner import PROVIDER_DOMAIN

_logger = logging.getLogger(__name__)

# Matching needs to modules uses PostgreSQL's full-text search and trigram similarity.
# Both extensions are "trusted" since PostgreSQL 13: the database owner may create them.
EXTENSIONS = {
    "pg_trgm": "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "unaccent": "CREATE EXTENSION IF NOT EXISTS unaccent",
}
# Changing these changes which needs a module matches.
MATCH_FIELDS = {"name", "keywords", "synonyms", "area", "occupation_ids", "language_levels",
                "active"}


def ensure_extensions(cr):
    """Create pg_trgm and unaccent if they are missing, or say clearly what to do."""
    cr.execute("SELECT extname FROM pg_extension WHERE extname IN %s", (tuple(EXTENSIONS),))
    present = {row[0] for row in cr.fetchall()}
    missing = [name for name in sorted(EXTENSIONS) if name not in present]
    for name in missing:
        try:
            with cr.savepoint():
                cr.execute(EXTENSIONS[name])
        except psycopg2.Error as error:
            raise UserError(_(
                "The PostgreSQL extension %s is missing and could not be created (%s). "
                "It is part of Debian's postgresql-contrib; as the database owner or a "
                "superuser run: CREATE EXTENSION %s;") % (name, error.pgerror or error, name))
        _logger.info("PostgreSQL extension %s created", name)


class QnetzCourseModule(models.Model):
    """A course module of the network's catalogue (e.g. "Fachrechnen Metall").

    Needs are matched to modules by their topic and notes; bundle proposals group the
    needs of one module, and providers are asked for quotes for a module."""

    _name = "qnetz.course.module"
    _description = "Course Module"
    _order = "area, name"

    name = fields.Char(required=True, translate=True, index=True)
    code = fields.Char(help="Short code of the catalogue, e.g. TM-FR-MET.")
    area = fields.Selection(AREAS, required=True, index=True)
    hours = fields.Float(string="Teaching Hours", default=40.0)
    occupation_ids = fields.Many2many(
        "qnetz.occupation", "qnetz_course_module_occupation_rel", "module_id",
        "occupation_id", string="Suitable Occupations",
        help="Empty: the module suits every occupation.")
    typical_fee = fields.Float(
        string="Typical Fee per Participant",
        help="What a participant usually costs; a guide for the quotes.")
    keywords = fields.Text(
        help="Words and phrases a company may use for this module, one per line or "
             "separated by commas; also spelling variants.")
    synonyms = fields.Text(
        help="Other names of the module, one per line or separated by commas.")
    language_levels = fields.Char(
        help="The levels of the Common European Framework a language module leads to or "
             "starts from, e.g. \"A2, B1\": a need that names a level finds its module.")
    content_source = fields.Char(
        string="Source of the Content",
        help="Where the module's content comes from: the training regulation's "
             "framework plan (Ausbildungsrahmenplan), a chamber's or an accident "
             "insurer's course description, a federal curriculum.")
    provider_ids = fields.Many2many(
        "res.partner", "qnetz_course_module_provider_rel", "module_id", "partner_id",
        string="Providers",
        domain=PROVIDER_DOMAIN,
        help="The education providers that offer this module: they are asked for quotes.")
    description = fields.Html(
        translate=True, sanitize=True,
        help="Shown on the public course page of a course of this module.")
    active = fields.Boolean(default=True)
    need_ids = fields.One2many("qnetz.need", "module_id", string="Training Needs")
    need_count = fields.Integer(compute="_compute_need_count", string="Needs")

    _sql_constraints = [
        ("hours_positive", "CHECK(hours >= 0)", "The hours of a module cannot be negative."),
        ("fee_positive", "CHECK(typical_fee >= 0)",
         "The typical fee of a module cannot be negative."),
    ]

    @api.model_cr
    def init(self):
        ensure_extensions(self.env.cr)

    def _compute_need_count(self):
        counts = {}
        if self.ids:
            self.env.cr.execute(
                "SELECT module_id, count(*) FROM qnetz_need WHERE module_id IN %s "
                "GROUP BY module_id", (tuple(self.ids),))
            counts = dict(self.env.cr.fetchall())
        for module in self:
            module.need_count = counts.get(module.id, 0)

    @api.model
    def create(self, vals):
        module = super(QnetzCourseModule, self).create(vals)
        module._qnetz_rematch_open_needs()
        return module

    @api.multi
    def write(self, vals):
        result = super(QnetzCourseModule, self).write(vals)
        if set(vals) & MATCH_FIELDS:
            self._qnetz_rematch_open_needs()
        return result

    def _qnetz_rematch_open_needs(self):
        # a changed catalogue changes the suggestions of the needs still being worked on
        self.env["qnetz.need"]._qnetz_forget_catalogue()
        self.env.cr.execute("SELECT id FROM qnetz_need WHERE state IN ('new', 'qualified')")
        self.env["qnetz.need"]._qnetz_match_ids([row[0] for row in self.env.cr.fetchall()])

    @api.multi
    def _qnetz_terms(self):
        """The words a need may use for the module: its name, keywords and synonyms."""
        self.ensure_one()
        text = "\n".join(filter(None, (self.name, self.keywords, self.synonyms)))
        return [term.strip() for term in text.replace(",", "\n").splitlines() if term.strip()]

    @api.multi
    def action_view_needs(self):
        self.ensure_one()
        action = self.env.ref("qnetz_base.qnetz_need_action").read()[0]
        action["domain"] = [("module_id", "=", self.id)]
        return action
