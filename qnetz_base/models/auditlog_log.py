from odoo import api, models


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    @api.model
    def _qnetz_log(self, records, method, name=None):
        """Log an action that auditlog's rules do not see (export, print, anonymise)."""
        if not records:
            return self.browse()
        model = self.env["ir.model"]._get(records._name)
        request = self.env["auditlog.http.request"].sudo().current_http_request()
        session = self.env["auditlog.http.session"].sudo().current_http_session()
        logs = self.browse()
        # One row per record, as auditlog writes its own logs; exports are rare and bounded.
        for record in records:
            logs |= self.sudo().create({
                "name": name or record.display_name,
                "model_id": model.id,
                "res_id": record.id,
                "method": method,
                "user_id": self.env.uid,
                "http_request_id": request,
                "http_session_id": session,
                "log_type": "fast",
            })
        return logs

    @api.model
    def _qnetz_forget(self, model_name, res_ids):
        """Delete the logs of these records, with their lines (cascade)."""
        if not res_ids:
            return 0
        logs = self.sudo().search(
            [("model_id.model", "=", model_name), ("res_id", "in", list(res_ids))])
        count = len(logs)
        logs.unlink()
        return count
