from odoo import api, models

# Odoo's sample website content that a visitor must not meet on the network's site.
# Listed by XML id, so the clean-up only ever touches Odoo's own records, never pages
# or menus a site administrator made. Events come from website_event's demo data.
SAMPLE_MENUS = (
    "website.menu_homepage",
    "website.menu_contactus",
    "website_event.menu_events",
    # The guide's first menus; data/website_data.xml now holds the whole main menu.
    "qnetz_guide.menu_guide",
    "qnetz_guide.menu_courses",
    "qnetz_guide.menu_need_form",
)
SAMPLE_PAGES = (
    "website.aboutus_page",
    "website.website2_homepage_page",
    "website.website2_contactus_page",
    "website.bs_debug_page",
    "website.snippets_debug_page",
)
# website's demo data adds a second website for the host 0.0.0.0 with sample pages.
SAMPLE_WEBSITES = ("website.website2",)
SAMPLE_EVENTS = ("event.event_0", "event.event_1", "event.event_2", "event.event_3")
# Names Odoo gives a website by itself ("My Website", "Website <domain>" in a demo
# database); a name an administrator chose is kept.
DEFAULT_NAMES = ("My Website",)
SITE_NAME = "Qualifizierungsnetzwerk Höxter-Holzminden"
# The languages of the people the guide is for, besides German and English: the home
# page, the need form and the Wegweiser's interface are translated into them.
GUIDE_LANGUAGES = ("base.lang_ar_SY", "base.lang_fa_IR", "base.lang_uk_UA")
RTL_LANGUAGES = ("base.lang_ar_SY", "base.lang_fa_IR")
# How a language names itself in the language menu (the part after " / "): Odoo 11 calls
# Farsi "فارس" (Fars, a province); the language is "فارسی".
LANGUAGE_NAMES = {"base.lang_fa_IR": "Persian / فارسی"}
# Odoo's own modules whose words appear on the public pages (menus, sign in, pager).
FRONTEND_MODULES = ("web", "website", "portal", "http_routing", "website_event")


# What the cached public pages show (page_cache.py): a write to any of their tables, or
# to a many2many table between two of them, drops the cached pages.
PAGE_CACHE_MODELS = (
    "qnetz.offer", "qnetz.offer.target.group", "qnetz.offer.topic", "qnetz.offer.language",
    "event.event", "event.registration", "qnetz.course.session", "qnetz.course.module",
    "qnetz.occupation", "qnetz.district", "res.partner", "res.company", "res.currency",
    "res.lang", "website", "website.menu", "website.page", "ir.ui.view", "ir.translation",
    "ir.config_parameter",
    # the open practice time of the workshops (/wegweiser/uebungszeit)
    "qnetz.workshop", "qnetz.machine", "qnetz.machine.type", "qnetz.machine.booking",
    "qnetz.practice.booking",
)
PAGE_CACHE_TRIGGER = "qnetz_page_cache"


def drop_page_cache_triggers(cr):
    cr.execute("SELECT DISTINCT event_object_table FROM information_schema.triggers"
               " WHERE trigger_name = %s", (PAGE_CACHE_TRIGGER,))
    for (table,) in cr.fetchall():
        # identifiers from the catalogue, not from input
        cr.execute(  # pylint: disable=sql-injection
            'DROP TRIGGER IF EXISTS qnetz_page_cache ON "%s"' % table)


class Website(models.Model):
    _inherit = "website"

    @api.model
    def _qnetz_remove_sample_content(self):
        """Remove Odoo's sample pages, menus and events, and name the default website.

        Runs on every install and update of the addon (data/website_data.xml), so
        existing databases lose the sample content too; once removed, there is
        nothing left to do. Updating `website` or `event` brings back what their data
        files define, and updates this addon after them, which removes it again.
        """
        def records(xmlids):
            result = []
            for xmlid in xmlids:
                record = self.env.ref(xmlid, raise_if_not_found=False)
                if record and record.exists():
                    result.append(record)
            return result

        for menu in records(SAMPLE_MENUS):
            menu.sudo().unlink()
        for page in records(SAMPLE_PAGES):
            view = page.view_id
            page.sudo().unlink()
            if view.exists() and not self.env["website.page"].sudo().search_count(
                    [("view_id", "=", view.id)]):
                view.sudo().unlink()
        for website in records(SAMPLE_WEBSITES):
            website.menu_id.sudo().unlink()
            website.sudo().unlink()
        events = self.env["event.event"].sudo()
        for event in records(SAMPLE_EVENTS):
            events |= event
        if events:
            events.mapped("registration_ids").unlink()
            events.unlink()
        for website in self.sudo().search([]):
            if website.name in DEFAULT_NAMES or website.name.startswith("Website "):
                website.name = SITE_NAME

    @api.model
    def _qnetz_add_guide_languages(self):
        """Arabic, Farsi and Ukrainian on the default website, for new and existing
        databases. Odoo lists Arabic and Farsi as left-to-right; they are set right-to-left.
        A language activated here gets the translations of Odoo's frontend modules; the
        qnetz addons load theirs after their data."""
        langs = self.env["res.lang"]
        for xmlid in GUIDE_LANGUAGES:
            lang = self.env.ref(xmlid, raise_if_not_found=False)
            if not lang:
                continue
            lang = lang.with_context(active_test=False)
            values = {}
            if not lang.active:
                values["active"] = True
            if xmlid in RTL_LANGUAGES and lang.direction != "rtl":
                values["direction"] = "rtl"
            if LANGUAGE_NAMES.get(xmlid, lang.name) != lang.name:
                values["name"] = LANGUAGE_NAMES[xmlid]
            if values:
                lang.sudo().write(values)
            if "active" in values:
                self.env["ir.module.module"].sudo().search([
                    ("name", "in", FRONTEND_MODULES), ("state", "=", "installed"),
                ])._update_translations(filter_lang=lang.code)
            langs |= lang
        website = self.env.ref("website.default_website", raise_if_not_found=False)
        if website and langs:
            website.sudo().language_ids = [(4, lang.id) for lang in langs]

    @api.model_cr
    def init(self):
        self._qnetz_install_page_cache_triggers()

    @api.model_cr
    def _qnetz_install_page_cache_triggers(self):
        """Triggers that tell every server process when a public page's content changes.

        NOTIFY is delivered when the writing transaction commits, never before, so no
        process renders a page anew before the change is visible to it. The same trigger
        notes the transaction and counts its changes in a transaction-local setting, so a
        request of the writing transaction itself (the tests') sees them as well, and a
        page rendered with changes not yet committed is only ever served to the same
        transaction.
        Statement triggers: one notification per statement, whatever the number of rows."""
        cr = self.env.cr
        # The content fingerprint these triggers replace needed this index.
        cr.execute("DROP INDEX IF EXISTS qnetz_ir_ui_view_write_date_index")
        drop_page_cache_triggers(cr)
        cr.execute("""
            CREATE OR REPLACE FUNCTION qnetz_page_cache_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                changes bigint := coalesce(nullif(split_part(
                    current_setting('qnetz.page_changes', true), ':', 2), '')::bigint, 0);
            BEGIN
                PERFORM pg_notify('qnetz_page_cache', '');
                PERFORM set_config('qnetz.page_changes',
                                   txid_current()::text || ':' || (changes + 1)::text, true);
                RETURN NULL;
            END $$""")
        tables = set()
        for name in PAGE_CACHE_MODELS:
            if name not in self.env.registry:
                continue
            model = self.env[name]
            if model._abstract or not model._auto:
                continue
            tables.add(model._table)
            # many2many tables between two of these models: a link added or removed
            tables.update(field.relation for field in model._fields.values()
                          if field.type == "many2many" and field.store
                          and field.comodel_name in PAGE_CACHE_MODELS)
        for table in sorted(tables):
            cr.execute("SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r'", (table,))
            if not cr.fetchone():
                continue
            # table names of the registry, not from input
            cr.execute(  # pylint: disable=sql-injection
                'CREATE TRIGGER qnetz_page_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE'
                ' ON "%s" FOR EACH STATEMENT EXECUTE PROCEDURE qnetz_page_cache_changed()'
                % table)
