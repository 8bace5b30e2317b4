from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# What a company may fill in itself; everything else belongs to the coordinator.
PORTAL_NEED_FIELDS = (
    "partner_id", "apprentice_ids", "area", "topic", "occupation_id", "participant_count",
    "preferred_place", "preferred_time", "wanted_start", "urgency", "description",
)
PORTAL_WITHDRAW_FIELDS = ("state", "withdraw_reason")


class QnetzNeed(models.Model):
    _inherit = "qnetz.need"

    # In the portal, needs are created and changed as superuser after the portal user's
    # access rights and record rules were checked explicitly: mail.activity.mixin stores
    # fields only employees may write (activity_date_deadline), so the portal user's own
    # create() cannot succeed in Odoo 11 even where the rules allow it.

    @api.model
    def create(self, vals):
        if not self.env.user.share:
            return super(QnetzNeed, self).create(vals)
        self._check_portal_fields(vals, PORTAL_NEED_FIELDS)
        self.check_access_rights("create")
        company = self.env.user.commercial_partner_id
        vals = dict(vals)
        vals["user_id"] = self.env["res.partner"]._qnetz_default_coordinator(company).id
        need = super(QnetzNeed, self.sudo()).create(vals).sudo(self.env.uid)
        # the record rule decides, on the record as it was created
        need.check_access_rule("create")
        need._qnetz_notify_coordinator("new")
        need._qnetz_send_mail("qnetz_portal.mail_template_need_received")
        return need

    @api.multi
    def write(self, vals):
        portal = self.env.user.share
        records = self
        if portal:
            withdrawing = vals.get("state") == "withdrawn"
            allowed = PORTAL_WITHDRAW_FIELDS if withdrawing else PORTAL_NEED_FIELDS
            self._check_portal_fields(vals, allowed)
            self.check_access_rights("write")
            self.check_access_rule("write")
            if not withdrawing and any(need.state != "new" for need in self):
                raise UserError(_(
                    "State: a need can only be changed while it is new; "
                    "please contact the coordinator."))
            if withdrawing and any(need.state not in ("new", "qualified") for need in self):
                raise UserError(_(
                    "State: only new or qualified needs can be withdrawn in the portal; "
                    "please contact the coordinator."))
            records = self.sudo()
        to_bundle = records.filtered(lambda n: n.state != "bundled") \
            if vals.get("state") == "bundled" else records.browse()
        result = super(QnetzNeed, records).write(vals)
        if portal:
            self.check_access_rule("read")
            self._qnetz_notify_coordinator(
                "withdrawn" if vals.get("state") == "withdrawn" else "changed")
        if to_bundle:
            to_bundle._qnetz_send_mail("qnetz_portal.mail_template_need_bundled")
        return result

    @api.model
    def _check_portal_fields(self, vals, allowed):
        forbidden = set(vals) - set(allowed)
        if forbidden:
            raise AccessError(_("Portal users cannot set these fields of a need: %s")
                              % ", ".join(sorted(forbidden)))

    @api.multi
    def _qnetz_notify_coordinator(self, kind):
        """Tell the need's coordinator about what a company did in the portal:
        a note in the chatter and a to-do, as the coordinator works from activities."""
        author = self.env.user.partner_id
        messages = {
            "new": _("New need reported in the portal by %s."),
            "changed": _("Need changed in the portal by %s."),
            "withdrawn": _("Need withdrawn in the portal by %s."),
        }
        summaries = {
            "new": _("Check the new need"),
            "changed": _("Check the changed need"),
            "withdrawn": _("Need withdrawn"),
        }
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model = self.env["ir.model"].sudo()._get(self._name)
        today = fields.Date.context_today(self)
        for need in self.sudo():
            body = messages[kind] % author.name
            if kind == "withdrawn" and need.withdraw_reason:
                body += " " + _("Reason: %s") % need.withdraw_reason
            partner_ids = need.user_id.partner_id.ids
            if partner_ids:
                need.message_subscribe(partner_ids=partner_ids)
            need.message_post(
                body=body, author_id=author.id, message_type="comment",
                subtype="mail.mt_note", partner_ids=partner_ids)
            if need.user_id:
                self.env["mail.activity"].sudo().create({
                    "res_model_id": model.id,
                    "res_id": need.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": summaries[kind],
                    "note": body,
                    "user_id": need.user_id.id,
                    "date_deadline": today,
                })

    @api.multi
    def _qnetz_send_mail(self, xmlid):
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for need in self:
            template.sudo().send_mail(need.id)
