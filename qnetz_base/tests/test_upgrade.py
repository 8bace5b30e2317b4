from odoo.tests.common import TransactionCase

from ..upgrade import rename_fields


class TestUpgradeRenames(TransactionCase):
    """A renamed field's name changes in the texts that name it, also inside the context
    keys that pre-fill it (default_<field>), whose prefix joins it into one word."""

    def test_renamed_field_reaches_context_keys_of_saved_filters(self):
        saved = self.env["ir.filters"].create({
            "name": "Kurse", "model_id": "res.partner",
            "context": "{'default_qnetz_old_field': 1, 'search_default_qnetz_old_field': 1,"
                       " 'group_by': ['qnetz_old_field']}"})
        rename_fields(self.env.cr, [("res.partner", "qnetz_old_field", "new_field")])
        saved.invalidate_cache()
        self.assertEqual(saved.context, "{'default_new_field': 1, 'search_default_new_field': 1,"
                                        " 'group_by': ['new_field']}")
