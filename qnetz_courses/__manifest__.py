# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Qualifizierungsnetzwerk: Kurse",
    "summary": "Bundle training needs into local courses, register apprentices and bill the fees",
    "version": "11.0.1.0.0",
    "category": "Qualifizierungsnetzwerk",
    "website": "https://www.wirtschaftsinitiative-hoexter.de",
    "author": "Qualifizierungsnetzwerk Höxter-Holzminden",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["qnetz_base", "event", "account_invoicing", "l10n_de_skr03"],
    "data": [
    ],
    "demo": [
    ],
}
