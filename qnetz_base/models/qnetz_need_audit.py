from odoo import models


class QnetzNeed(models.Model):
    _name = "qnetz.need"
    _inherit = ["qnetz.need", "qnetz.audit.mixin"]
