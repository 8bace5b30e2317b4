"""Renames for the addons' pre-migration scripts: data keeps its place under a new name.

Odoo 11 has no rename helper of its own (OpenUpgrade's openupgradelib is not a dependency
of ours), and a field or XML id that simply changes its name in the code is, on update, a
new empty column or a new record while the old one is dropped with its data.
"""
import logging

from psycopg2 import sql

_logger = logging.getLogger(__name__)

# Text that may name a field or call a method: views (also inherited by other addons, which
# are checked against the renamed field before they are updated), server actions and crons,
# window actions, saved filters, export lists, mail templates and their translations.
TEXT_COLUMNS = (
    ("ir_ui_view", "arch_db"), ("ir_act_server", "code"), ("ir_act_window", "domain"),
    ("ir_act_window", "context"), ("ir_filters", "domain"), ("ir_filters", "context"),
    ("ir_filters", "sort"), ("ir_exports_line", "name"), ("mail_template", "body_html"),
    ("mail_template", "subject"), ("ir_translation", "src"), ("ir_translation", "value"),
)


def _column_exists(cr, table, column):
    cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s "
               "AND column_name = %s", (table, column))
    return bool(cr.fetchone())


def _replace_word(cr, old, new):
    """Replace `old` as a whole word (PostgreSQL's \\m...\\M) in every text column."""
    pattern = r"\m%s\M" % old
    for table, column in TEXT_COLUMNS:
        if not _column_exists(cr, table, column):
            continue
        _regexp_update(cr, table, column, pattern, new)


def _regexp_update(cr, table, column, pattern, replacement):
    query = sql.SQL("UPDATE {table} SET {column} = regexp_replace({column}, %s, %s, 'g') "
                    "WHERE {column} ~ %s")
    cr.execute(query.format(table=sql.Identifier(table), column=sql.Identifier(column)),
               (pattern, replacement, pattern))


# models that carry another model's fields through _inherits
INHERITED_BY = {"res.partner": ("res.users",)}


def rename_fields(cr, renames, texts=True):
    """renames: [(model, old name, new name)] of fields defined by the addon migrating.

    With `texts`, the old name is also replaced as a word in views, actions, filters and
    templates: only for names that mean this field and nothing else (the qnetz_ ones)."""
    for model, old, new in renames:
        models = (model,) + INHERITED_BY.get(model, ())
        table = model.replace(".", "_")
        if _column_exists(cr, table, old) and not _column_exists(cr, table, new):
            # also for the SQL views of reports, which are made anew on update anyway
            cr.execute(sql.SQL("ALTER TABLE {} RENAME COLUMN {} TO {}").format(
                sql.Identifier(table), sql.Identifier(old), sql.Identifier(new)))
        cr.execute("UPDATE ir_model_fields SET name = %s WHERE name = %s AND model IN %s "
                   "RETURNING id", (new, old, models))
        field_ids = tuple(row[0] for row in cr.fetchall())
        if field_ids:
            cr.execute("UPDATE ir_model_data SET name = regexp_replace(name, %s, %s) "
                       "WHERE model = 'ir.model.fields' AND res_id IN %s",
                       ("%s$" % old, new, field_ids))
        for name in models:
            cr.execute("UPDATE ir_translation SET name = %s WHERE name = %s",
                       ("%s,%s" % (name, new), "%s,%s" % (name, old)))
        cr.execute("UPDATE mail_tracking_value v SET field = %s FROM mail_message m "
                   "WHERE m.id = v.mail_message_id AND m.model IN %s AND v.field = %s",
                   (new, models, old))
        if texts:
            _replace_word(cr, old, new)
            # a context key that pre-fills the field is one word with its prefix
            for prefix in ("default_", "search_default_"):
                _replace_word(cr, prefix + old, prefix + new)
        _logger.info("qnetz: field %s.%s renamed to %s", model, old, new)


def rename_methods(cr, old_prefix, new_prefix):
    """Method names in server actions, crons and views (buttons) of a renamed prefix."""
    pattern = r"\m%s" % old_prefix
    for table, column in (("ir_act_server", "code"), ("ir_ui_view", "arch_db")):
        _regexp_update(cr, table, column, pattern, new_prefix)


def rename_xml_ids(cr, module, renames):
    """renames: {old name: new name} of the module's XML ids (records keep their id)."""
    for old, new in sorted(renames.items()):
        cr.execute("SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s",
                   (module, new))
        if cr.fetchone():
            continue
        cr.execute("UPDATE ir_model_data SET name = %s WHERE module = %s AND name = %s",
                   (new, module, old))
    _logger.info("qnetz: %d XML ids of %s renamed", len(renames), module)
