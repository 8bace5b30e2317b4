# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Qualifizierungsnetzwerk: Portal",
    "summary": "Companies report needs and register apprentices, "
               "providers record attendance and invoice",
    "version": "11.0.1.2.0",
    "category": "Qualifizierungsnetzwerk",
    "website": "https://www.wirtschaftsinitiative-hoexter.de",
    "author": "Qualifizierungsnetzwerk Höxter-Holzminden",
    "license": "AGPL-3",
    "installable": True,
    # qnetz_guide: the visitors' page cache (the certificate check's empty form)
    "depends": ["qnetz_courses", "qnetz_guide", "portal", "website", "auth_signup", "payment"],
    "data": [
        "security/ir.model.access.csv",
        "security/qnetz.share.grant.csv",
        "security/qnetz_portal_security.xml",
        "data/mail_template_data.xml",
        "data/auth_signup_data.xml",
        "views/login_templates.xml",
        "views/portal_templates.xml",
        "views/portal_course_templates.xml",
        "views/portal_evidence_templates.xml",
        "views/portal_quote_templates.xml",
        "views/portal_home_templates.xml",
        "views/portal_network_templates.xml",
        "views/portal_practice_templates.xml",
        "views/portal_payment_templates.xml",
        "views/assets.xml",
    ],
    "demo": [
    ],
}
