"""11.0.1.2.0: one naming scheme (README, "Naming"): fields without the qnetz_ prefix,
views <model>_view_<type>, window actions <model>_action, demo records ending in _demo."""
from odoo.addons.qnetz_base.upgrade import rename_fields, rename_methods, rename_xml_ids

FIELDS = [
    ('res.partner', 'qnetz_web_reported', 'web_reported'),
]

XML_IDS = {
}

# demo records: name -> name_demo
DEMO_IDS = [
    'institution_bamf',
    'institution_jba_hoexter',
    'institution_jba_holzminden',
    'institution_jmd',
    'institution_kausa',
    'institution_ki_hoexter',
    'institution_kreis_hoexter',
    'institution_lk_holzminden',
    'institution_qnetz',
    'institution_ses_vera',
    'institution_welcome_center',
    'offer_arbeitgeber_service',
    'offer_asa_flex_hoexter',
    'offer_asa_flex_hoexter_en_description_0',
    'offer_asa_flex_hoexter_en_description_1',
    'offer_asa_flex_hoexter_en_name',
    'offer_asa_flex_hoexter_en_summary',
    'offer_asa_flex_holzminden',
    'offer_ausbildungsvermittlung',
    'offer_bab',
    'offer_bab_en_name',
    'offer_bab_en_summary',
    'offer_bbs_holzminden_sprint',
    'offer_berufsberatung',
    'offer_berufssprachkurs_azubi',
    'offer_berufssprachkurs_basis',
    'offer_berufssprachkurs_basis_en_description_0',
    'offer_berufssprachkurs_basis_en_name',
    'offer_berufssprachkurs_basis_en_summary',
    'offer_bk_hoexter_ifk',
    'offer_but_hoexter',
    'offer_but_holzminden',
    'offer_bvb',
    'offer_draft_pruefungstraining',
    'offer_eq_hoexter',
    'offer_eq_hoexter_en_name',
    'offer_eq_hoexter_en_summary',
    'offer_expired_mathe_sommer',
    'offer_hwk_hildesheim_beratung',
    'offer_hwk_owl_beratung',
    'offer_ihk_hannover_beratung',
    'offer_ihk_owl_beratung',
    'offer_integrationskurs',
    'offer_integrationsmoderation_hoexter',
    'offer_integrationsmoderation_holzminden',
    'offer_jba_hoexter',
    'offer_jba_holzminden',
    'offer_jmd',
    'offer_jobcenter_hoexter',
    'offer_jobcenter_holzminden',
    'offer_kausa',
    'offer_ki_hoexter',
    'offer_netz_fachsprache',
    'offer_netz_lernfoerderung',
    'offer_netz_praxis',
    'offer_passgenaue_besetzung',
    'offer_vera',
    'offer_welcome_center',
    'offer_willkommenslotsen',
]


def migrate(cr, version):
    if not version:
        return
    rename_fields(cr, FIELDS)
    rename_methods(cr, "_guide_", "_qnetz_")
    renames = dict(XML_IDS, **{name: name + "_demo" for name in DEMO_IDS})
    rename_xml_ids(cr, "qnetz_guide", renames)
