from odoo import api, fields, models

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
# Odoo's own modules whose words appear on the public pages (menus, sign in, pager).
FRONTEND_MODULES = ("web", "website", "portal", "http_routing", "website_event")


def current_minute():
    """The cached pages' clock: offers expire and courses start with time."""
    return fields.Datetime.now()[:16]


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
        # _qnetz_content_version() asks for the newest template on every cached page.
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS qnetz_ir_ui_view_write_date_index"
                            " ON ir_ui_view (write_date)")

    @api.model
    def _qnetz_content_version(self):
        """A fingerprint of everything the cached public pages show (one query).

        Any write, creation or deletion of an offer, its facets, a course, its
        sessions and registrations (places left), a partner (institutions, the
        company's address), a template or a menu changes it, so a published change
        shows at once. The current minute is part of it: offers expire and courses
        start with time."""
        tables = ("qnetz_offer", "qnetz_offer_target_group", "qnetz_offer_topic",
                  "qnetz_offer_language", "event_event", "event_registration",
                  "qnetz_course_session", "res_partner", "res_company", "website_menu",
                  "website", "res_lang")
        query = " UNION ALL ".join(
            "SELECT '%s', count(*), max(write_date), max(id) FROM %s" % (table, table)
            for table in tables)
        # Templates: rows are wide, so no count (deleting a template is an update of
        # the addon anyway); the newest write date comes from the index made in init().
        query += (" UNION ALL SELECT 'ir_ui_view', NULL, max(write_date), max(id)"
                  " FROM ir_ui_view")
        # Translations carry no write date; the last id catches new ones (a count would
        # scan the whole, large table on every request).
        query += " UNION ALL SELECT 'ir_translation', NULL, NULL, max(id) FROM ir_translation"
        self.env.cr.execute(query)
        rows = self.env.cr.fetchall()
        return (current_minute(),) + tuple(rows)
