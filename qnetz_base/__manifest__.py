# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Qualifizierungsnetzwerk: Basis",
    "summary": "Network partners (companies, providers, schools, apprentices) "
               "and the register of training needs",
    "version": "11.0.1.3.0",
    "category": "Qualifizierungsnetzwerk",
    "website": "https://www.wirtschaftsinitiative-hoexter.de",
    "author": "Qualifizierungsnetzwerk Höxter-Holzminden",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    # OCA: login throttling, password policy, audit trail, and web_responsive for the
    # backend on a phone at the venue (390 px)
    # zxcvbn: how easily a password is guessed (res_users_password.py)
    "external_dependencies": {"python": ["zxcvbn"]},
    "depends": ["contacts", "mail", "auth_brute_force", "password_security", "auditlog",
                "web_responsive"],
    "data": [
        "security/qnetz_security.xml",
        "security/ir.model.access.csv",
        "security/qnetz.share.grant.csv",
        "data/qnetz_district_data.xml",
        "data/qnetz_occupation_data.xml",
        "data/qnetz_need_sequence.xml",
        "data/qnetz_anonymise_data.xml",
        "data/qnetz_login_security_data.xml",
        "data/qnetz_auditlog_data.xml",
        "data/mail_cron_data.xml",
        "views/qnetz_menus.xml",
        "views/qnetz_need_views.xml",
        "views/res_partner_views.xml",
        "views/qnetz_target_profile_views.xml",
        "views/qnetz_district_views.xml",
        "views/qnetz_occupation_views.xml",
        "views/res_authentication_attempt_views.xml",
        "views/qnetz_auditlog_views.xml",
        "views/qnetz_anonymise_wizard_views.xml",
        "views/webclient_templates.xml",
    ],
    "demo": [
        "demo/res_partner_industry_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/res_company_demo.xml",
        "demo/qnetz_target_profile_demo.xml",
        "demo/qnetz_need_demo.xml",
    ],
}
