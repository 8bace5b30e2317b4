from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.exceptions import AccessError

# Odoo's own wording, which its German translation already covers.
DENIED = {
    "read": "Sorry, you are not allowed to access this document.",
    "write": "Sorry, you are not allowed to modify this document.",
    "create": "Sorry, you are not allowed to create this kind of document.",
    "unlink": "Sorry, you are not allowed to delete this document.",
}


class IrModelAccess(models.Model):
    """The gate for share users: an operation needs a qnetz.share.grant (see there)."""

    _inherit = "ir.model.access"

    @api.model
    @tools.ormcache_context("self._uid", "model", "mode", "raise_exception", keys=("lang",))
    def check(self, model, mode="read", raise_exception=True):
        if self._uid != SUPERUSER_ID and self._qnetz_is_share_user() \
                and not self.env["qnetz.share.grant"]._qnetz_granted(self._uid, model, mode):
            if raise_exception:
                raise AccessError(_(DENIED[mode]))
            return False
        return super(IrModelAccess, self).check(model, mode, raise_exception)

    @api.model
    def _qnetz_is_share_user(self):
        self.env.cr.execute("SELECT share FROM res_users WHERE id = %s", (self._uid,))
        row = self.env.cr.fetchone()
        return bool(row and row[0])
