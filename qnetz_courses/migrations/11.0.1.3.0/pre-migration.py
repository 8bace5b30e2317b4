"""11.0.1.3.0: the funded project's crons take the ir_cron_ prefix of the other crons, the
invoice search view the <model>_view_<type> scheme (README, "Naming"); the records keep
their ids, so a cron's next run and its changes stay."""
from odoo.addons.qnetz_base.upgrade import rename_xml_ids

CRONS = ("qnetz_funder_claims", "qnetz_project_actuals", "qnetz_project_milestones")
XML_IDS = dict(
    [("cron_%s" % name, "ir_cron_%s" % name) for name in CRONS]
    # the server action Odoo made for each cron
    + [("cron_%s_ir_actions_server" % name, "ir_cron_%s_ir_actions_server" % name)
       for name in CRONS]
    + [("view_account_invoice_filter_qnetz", "account_invoice_view_search_qnetz")])


def migrate(cr, version):
    if version:
        rename_xml_ids(cr, "qnetz_courses", XML_IDS)
