from odoo import api, models, tools


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    @tools.ormcache("self._uid", "model_name", "mode")
    def _compute_domain(self, model_name, mode="read"):
        # Odoo 11's multi-company rules say ('company_id', 'child_of', [the user's company])
        # and res.company has no parent store, so every search and access check a rule
        # applies to asked PostgreSQL for the company's children again: more than 500
        # queries of one "Abrechnen und versenden". The domain is cached per user, model
        # and mode (as Odoo caches it); res.company's create and write clear that cache,
        # so the children are resolved here once, into an 'in' on the same companies.
        domain = super(IrRule, self)._compute_domain(model_name, mode)
        if not domain:
            return domain
        model = self.env[model_name]
        return [self._company_children_resolved(model, term) for term in domain]

    @api.model
    def _company_children_resolved(self, model, term):
        if not isinstance(term, (list, tuple)) or len(term) != 3 or term[1] != "child_of":
            return term
        field = model._fields.get(term[0])
        if field is None or field.type not in ("many2one", "many2many") \
                or field.comodel_name != "res.company":
            return term
        parents = term[2] if isinstance(term[2], (list, tuple)) else [term[2]]
        parents = [company for company in parents if company]
        children = self.env["res.company"].sudo().with_context(active_test=False).search(
            [("id", "child_of", parents)]).ids if parents else []
        return (term[0], "in", children)
