# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Qualifizierungsnetzwerk: Basis",
    "summary": "Network partners (companies, providers, schools, apprentices) "
               "and the register of training needs",
    "version": "11.0.1.0.0",
    "category": "Qualifizierungsnetzwerk",
    "website": "https://www.wirtschaftsinitiative-hoexter.de",
    "author": "Qualifizierungsnetzwerk Höxter-Holzminden",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["contacts", "mail"],
    "data": [
        "security/qnetz_security.xml",
        "security/ir.model.access.csv",
        "data/qnetz_district_data.xml",
        "data/qnetz_occupation_data.xml",
        "data/qnetz_need_sequence.xml",
        "views/qnetz_menus.xml",
        "views/qnetz_need_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
}
