from odoo import api, fields, models


class QnetzShareGrant(models.Model):
    """What a share user (visitor, company, provider, network reader) may do with a model.

    Odoo gives share users rights through many stock access rows, some without a group
    (everyone may read ``mail.mail`` and ``ir.attachment``), and every transient model is
    open to everyone. For share users, qnetz lets an access row count only where a grant
    here allows the same operation for one of the user's groups: deny by default, so an
    addon installed later opens nothing to the portal until a grant names it. Record
    rules still apply on top. Grants live in each addon's
    ``security/qnetz.share.grant.csv``, each with the reason the role needs it."""

    _name = "qnetz.share.grant"
    _description = "Share user grant"
    _order = "model_id, group_id"

    model_id = fields.Many2one("ir.model", string="Model", required=True, index=True,
                               ondelete="cascade")
    group_id = fields.Many2one("res.groups", string="Group", required=True,
                               ondelete="cascade")
    perm_read = fields.Boolean(string="Read")
    perm_write = fields.Boolean(string="Write")
    perm_create = fields.Boolean(string="Create")
    perm_unlink = fields.Boolean(string="Delete")
    reason = fields.Char(required=True, help="Why this role needs the operation.")

    _sql_constraints = [
        ("model_group_unique", "unique(model_id, group_id)",
         "A model has one grant per group."),
    ]

    @api.model
    def _qnetz_granted(self, uid, model, mode):
        """Whether one of the user's groups is granted `mode` on `model`."""
        self.env.cr.execute("""
            SELECT 1
              FROM qnetz_share_grant g
              JOIN ir_model m ON m.id = g.model_id
              JOIN res_groups_users_rel gu ON gu.gid = g.group_id
             WHERE m.model = %s AND gu.uid = %s AND g.perm_{mode}
             LIMIT 1""".format(mode=mode), (model, uid))
        return bool(self.env.cr.fetchone())

    # the gate's answers are cached with ir.model.access.check: changes must clear it
    @api.model
    def create(self, values):
        record = super(QnetzShareGrant, self).create(values)
        self.env["ir.model.access"].call_cache_clearing_methods()
        return record

    @api.multi
    def write(self, values):
        result = super(QnetzShareGrant, self).write(values)
        self.env["ir.model.access"].call_cache_clearing_methods()
        return result

    @api.multi
    def unlink(self):
        result = super(QnetzShareGrant, self).unlink()
        self.env["ir.model.access"].call_cache_clearing_methods()
        return result
