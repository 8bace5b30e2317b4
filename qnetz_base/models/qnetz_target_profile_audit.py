from odoo import models


class QnetzTargetProfile(models.Model):
    _name = "qnetz.target.profile"
    _inherit = ["qnetz.target.profile", "qnetz.audit.mixin"]
