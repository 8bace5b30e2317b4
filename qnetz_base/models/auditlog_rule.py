from odoo import api, models

# The audit trail says who touched whose personal data and when. It must not become a
# second copy of that data: OCA auditlog copies every logged value, and its lines would
# outlive consent withdrawal. So only the values of these non-personal fields are kept;
# every other field of an audited model is logged by name with its value masked.
UNMASKED_FIELDS = {
    "res.partner": {
        "active", "is_apprentice", "employer_id", "occupation_id", "training_year",
        "district_id", "anonymise_after", "anonymised", "anonymised_date",
        "company_id",
    },
    "qnetz.need": {
        "partner_id", "state", "area", "occupation_id", "participant_count",
        "preferred_place", "preferred_time", "wanted_start", "urgency", "district_id",
        "federal_state_id", "qualified_date", "user_id", "company_id",
    },
    # Every field of a target-group profile is sensitive (Art. 9 GDPR) but these.
    "qnetz.target.profile": {"anonymised", "anonymised_date", "district_id", "company_id"},
}
MASK = "***"


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    def create_logs(self, uid, res_model, res_ids, method,
                    old_values=None, new_values=None, additional_log_values=None):
        # Contacts are audited for the apprentices only: the personal data the network
        # holds about young people. Companies, providers and users are not logged.
        if res_model == "res.partner" and res_ids:
            res_ids = self._qnetz_apprentice_ids(res_ids, method, old_values)
            if not res_ids:
                return None
        if method == "read":
            return self._qnetz_log_reads(uid, res_model, res_ids, additional_log_values)
        return super(AuditlogRule, self).create_logs(
            uid, res_model, res_ids, method, old_values=old_values, new_values=new_values,
            additional_log_values=additional_log_values)

    def _qnetz_apprentice_ids(self, partner_ids, method, old_values):
        """The apprentices among the contacts. A read that fetched is_apprentice (every
        read the ORM makes to fill its cache does) tells it: no query for each read of
        a contact, which a portal or website page makes several times."""
        if method == "read" and old_values and all(
                "is_apprentice" in old_values.get(partner_id, ()) for partner_id in partner_ids):
            return [partner_id for partner_id in partner_ids
                    if old_values[partner_id]["is_apprentice"]]
        return self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("id", "in", list(partner_ids)), ("is_apprentice", "=", True)]).ids

    def _qnetz_log_reads(self, uid, res_model, res_ids, additional_log_values=None):
        """A list view reads 80 records at once: auditlog would write one log per record,
        a few queries each. A read log has no lines, so all of them go in one INSERT."""
        if not res_ids:
            return None
        names = dict(self.env[res_model].browse(res_ids).name_get())
        request = self.env["auditlog.http.request"].current_http_request() or None
        session = self.env["auditlog.http.session"].current_http_session() or None
        log_type = (additional_log_values or {}).get("log_type")
        self.env.cr.execute("""
            INSERT INTO auditlog_log (name, model_id, res_id, method, user_id, http_request_id,
                                      http_session_id, log_type, create_uid, create_date,
                                      write_uid, write_date)
            SELECT r.name, %s, r.res_id, 'read', %s, %s, %s, %s, %s,
                   now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC'
              FROM unnest(%s::int[], %s::varchar[]) AS r(res_id, name)
        """, (self.pool._auditlog_model_cache[res_model], uid, request, session, log_type,
              uid, uid, list(res_ids), [(names.get(i) or "")[:64] for i in res_ids]))
        return None

    @api.multi
    def subscribe(self):
        """The records' "View logs" action is for those who may read the logs."""
        result = super(AuditlogRule, self).subscribe()
        ours = self.filtered(lambda rule: rule.model_id.model in UNMASKED_FIELDS)
        ours.mapped("action_id").sudo().write({
            "groups_id": [(4, self.env.ref("qnetz_base.group_qnetz_coordinator").id)]})
        return result

    def _create_log_line_on_read(self, log, fields_list, read_values):
        # A read is logged as who opened which record, when: its lines would only repeat
        # the fields of the view, all masked.
        return None

    @api.model
    def _qnetz_mask(self, log, field, vals, keys):
        if field["name"] not in UNMASKED_FIELDS.get(log.model_id.model, ()):
            for key in keys:
                vals[key] = MASK
        return vals

    def _prepare_log_line_vals_on_create(self, log, field, new_values):
        vals = super(AuditlogRule, self)._prepare_log_line_vals_on_create(log, field, new_values)
        return self._qnetz_mask(log, field, vals, ("new_value", "new_value_text"))

    def _prepare_log_line_vals_on_write(self, log, field, old_values, new_values):
        vals = super(AuditlogRule, self)._prepare_log_line_vals_on_write(
            log, field, old_values, new_values)
        return self._qnetz_mask(
            log, field, vals, ("old_value", "old_value_text", "new_value", "new_value_text"))
