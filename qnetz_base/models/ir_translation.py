from odoo import api, models


class IrTranslation(models.Model):
    _inherit = "ir.translation"

    # a template's translation is rendered as the template is (mail.template): code in it
    # is the administrators' alone, though every employee may write translations

    @api.model
    def _qnetz_check_template_translation(self, name, value):
        if (name or "").startswith("mail.template,"):
            self.env["mail.template"]._qnetz_check_template_code([value])

    @api.model
    def create(self, values):
        self._qnetz_check_template_translation(values.get("name"), values.get("value"))
        return super(IrTranslation, self).create(values)

    @api.multi
    def write(self, values):
        if "value" in values or "name" in values:
            for translation in self:
                self._qnetz_check_template_translation(
                    values.get("name", translation.name), values.get("value", translation.value))
        return super(IrTranslation, self).write(values)
