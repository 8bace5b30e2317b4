# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Qualifizierungsnetzwerk: Wegweiser",
    "summary": "Public guide to support offers and the catalogue of network courses",
    "version": "11.0.1.2.0",
    "category": "Qualifizierungsnetzwerk",
    "website": "https://www.wirtschaftsinitiative-hoexter.de",
    "author": "Qualifizierungsnetzwerk Höxter-Holzminden",
    "license": "AGPL-3",
    "installable": True,
    "uninstall_hook": "uninstall_hook",
    # website_event: the catalogue links to the events' own pages, and /event is the
    # yardstick of the guide's benchmark.
    "depends": ["qnetz_courses", "website", "website_event"],
    "data": [
        "security/ir.model.access.csv",
        "security/qnetz.share.grant.csv",
        "security/qnetz_guide_security.xml",
        "data/qnetz_offer_facet_data.xml",
        "data/website_data.xml",
        "views/qnetz_offer_views.xml",
        "views/qnetz_offer_target_group_views.xml",
        "views/qnetz_offer_topic_views.xml",
        "views/qnetz_offer_language_views.xml",
        "views/qnetz_need_views.xml",
        "views/qnetz_guide_menus.xml",
        "views/qnetz_guide_templates.xml",
        "views/course_calendar_templates.xml",
        "views/practice_time_templates.xml",
        "views/website_templates.xml",
        "views/legal_templates.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/qnetz_offer_demo.xml",
        "demo/qnetz_offer_translation_demo.xml",
    ],
}
