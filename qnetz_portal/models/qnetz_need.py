from odoo import _, api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qnetz_base.tools import has_control_characters, html_text, outside_env

MAX_REASON_LENGTH = 2000


class QnetzNeed(models.Model):
    _inherit = "qnetz.need"

    # The company's actions on needs. Portal users hold read access only: each action
    # below checks the caller, the values and the need's state, then writes as superuser
    # (mail.activity.mixin stores fields that only employees may write in Odoo 11) and
    # names the real user as the author in the chatter.

    @api.model
    def qnetz_portal_report(self, values):
        """A company reports a need in the portal. Returns the new need's id."""
        company = self.env["res.partner"]._qnetz_portal_organisation("company")
        vals = self._qnetz_portal_checked_values(values, company)
        vals.update({
            "partner_id": company.id,
            "user_id": self.env["res.partner"]._qnetz_default_coordinator(company).id,
        })
        author = self.env.user.partner_id
        need = self.with_env(outside_env(self.env)).with_context(
            mail_create_nolog=True).create(vals)
        need._qnetz_notify_coordinator("new", author)
        need._qnetz_send_mail("qnetz_portal.mail_template_need_received")
        return need.id

    @api.multi
    def qnetz_portal_update(self, values):
        """A company changes its need while the coordinator has not taken it up."""
        need = self._qnetz_portal_own_need()
        if need.state != "new":
            raise UserError(_("State: a need can only be changed while it is new; "
                              "please contact the coordinator."))
        vals = self._qnetz_portal_checked_values(values, need.partner_id.commercial_partner_id)
        author = self.env.user.partner_id
        need = need.with_env(outside_env(self.env))
        need.write(vals)
        need._qnetz_notify_coordinator("changed", author)
        return True

    @api.multi
    def qnetz_portal_withdraw(self, reason):
        """A company withdraws a need that is not yet bundled into a course."""
        need = self._qnetz_portal_own_need()
        label = self._fields["withdraw_reason"].get_description(self.env)["string"]
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(_(
                "%s: please tell the coordinator why the need is withdrawn.") % label)
        reason = reason.strip()
        if has_control_characters(reason) or len(reason) > MAX_REASON_LENGTH:
            raise ValidationError(_(
                "%s: please use at most %d characters of plain text.")
                % (label, MAX_REASON_LENGTH))
        if need.state not in ("new", "qualified"):
            raise UserError(_("State: this need can no longer be withdrawn in the portal; "
                              "please contact the coordinator."))
        author = self.env.user.partner_id
        need = need.with_env(outside_env(self.env))
        need.action_withdraw(reason=reason)
        need._qnetz_notify_coordinator("withdrawn", author)
        return True

    @api.multi
    def _qnetz_portal_own_need(self):
        """The one need of the caller's company this action is about, or AccessError."""
        company = self.env["res.partner"]._qnetz_portal_organisation("company")
        if len(self) != 1:
            raise AccessError(_("Please choose exactly one of your needs."))
        own = self.search([("id", "=", self.id), ("partner_id", "child_of", company.id)])
        if not own:
            raise AccessError(_("This need does not belong to your company."))
        return own

    @api.model
    def _qnetz_portal_checked_values(self, values, company):
        if not isinstance(values, dict):
            raise ValidationError(_("Please send the need's fields as a dictionary."))
        vals, errors = self._qnetz_check_intake(values, "portal", company)
        if errors:
            raise ValidationError("\n".join(errors.values()))
        return vals

    @api.multi
    def _qnetz_notify_coordinator(self, kind, author):
        """Tell the need's coordinator about what a company did in the portal:
        a note in the chatter and a to-do, as the coordinator works from activities."""
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
        for need in self.sudo():
            text = messages[kind] % author.name
            if kind == "withdrawn" and need.withdraw_reason:
                text += " " + _("Reason: %s") % need.withdraw_reason
            body = html_text(text)
            partner_ids = need.user_id.partner_id.ids
            if partner_ids:
                need.message_subscribe(partner_ids=partner_ids)
            need.message_post(
                body=body, author_id=author.id, message_type="comment",
                subtype="mail.mt_note", partner_ids=partner_ids)
            need._qnetz_todo(summaries[kind], text, users=need.user_id)

    @api.multi
    def write(self, vals):
        to_bundle = self.filtered(lambda n: n.state != "bundled") \
            if vals.get("state") == "bundled" else self.browse()
        result = super(QnetzNeed, self).write(vals)
        if to_bundle:
            to_bundle._qnetz_send_mail("qnetz_portal.mail_template_need_bundled")
        return result

    @api.multi
    def _qnetz_send_mail(self, xmlid):
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for need in self:
            template.sudo().send_mail(need.id)
