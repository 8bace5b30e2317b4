# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Qualifizierungsnetzwerk: Wegweiser",
    "summary": "Public guide to support offers and the catalogue of network courses",
    "version": "11.0.1.0.0",
    "category": "Qualifizierungsnetzwerk",
    "website": "https://www.wirtschaftsinitiative-hoexter.de",
    "author": "Qualifizierungsnetzwerk Höxter-Holzminden",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["qnetz_courses", "website"],
    "data": [
    ],
    "demo": [
    ],
}
