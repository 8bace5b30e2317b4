from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from ..tools import checked_group_domain


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def create(self, values):
        # message_post and create are public: whoever may post on a record (or create a
        # message of their own) could otherwise notify any partner or channel in the
        # network's name. Recipients must be people the author may see; the network's
        # own code notifies as superuser.
        self._qnetz_check_recipients(values.get("partner_ids"), values.get("channel_ids"))
        author = self.env.context.get("qnetz_author_id")
        if author and self.env.uid == SUPERUSER_ID and \
                values.get("message_type") in ("notification", "comment"):
            # an outside action writes as superuser (qnetz_base.tools.outside_env): what
            # it logs is signed by the person who acted, not by the administrator (mails
            # the network sends from its templates keep their sender)
            root = self.env.ref("base.partner_root").id
            if values.get("author_id") in (None, False, root):
                values = dict(values, author_id=author)
                root_from = self.env.ref("base.partner_root").email_formatted
                if values.get("email_from") in (None, False, root_from):
                    values.pop("email_from", None)
                    partner = self.env["res.partner"].sudo().browse(author)
                    if partner.email:
                        values["email_from"] = partner.email_formatted
        return super(MailMessage, self).create(values)

    @api.multi
    def _notify(self, force_send=False, send_after_commit=True, user_signature=True):
        # no page waits for the mail server: every notification goes through the queue,
        # which the mail cron sends every minute (data/mail_cron_data.xml); what became of
        # each mail reaches its document from there (mail.mail._qnetz_report_delivery)
        return super(MailMessage, self)._notify(
            force_send=False, send_after_commit=send_after_commit,
            user_signature=user_signature)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        return super(MailMessage, self).read_group(
            checked_group_domain(self, domain), fields, groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy)

    @api.model
    def _message_read_dict_postprocess(self, messages, message_tree):
        # Odoo formats every tracking value with sudo: a field the reader may not read on
        # the record (a provider fee, a budget) would come back through the history.
        result = super(MailMessage, self)._message_read_dict_postprocess(messages, message_tree)
        if self.env.uid == SUPERUSER_ID:
            return result
        hidden = self._qnetz_hidden_tracking_ids(list(message_tree))
        for message in messages:
            message["tracking_value_ids"] = [
                value for value in message.get("tracking_value_ids") or []
                if value["id"] not in hidden]
        return result

    @api.model
    def _qnetz_hidden_tracking_ids(self, message_ids):
        """Tracking values of fields the current user may not read on their records."""
        trackings = self.env["mail.tracking.value"].sudo().search(
            [("mail_message_id", "in", message_ids)])
        hidden = set()
        for tracking in trackings:
            model = tracking.mail_message_id.model
            field = self.env[model]._fields.get(tracking.field) if model in self.env else None
            if field is None or (field.groups and not self.user_has_groups(field.groups)):
                hidden.add(tracking.id)
        return hidden

    @api.model
    def _qnetz_check_recipients(self, partner_ids, channel_ids):
        """Refuse recipients the current user may not read."""
        if self.env.uid == SUPERUSER_ID:
            return
        partners = self.env["res.partner"].browse(self._qnetz_command_ids(partner_ids))
        channels = self.env["mail.channel"].browse(self._qnetz_command_ids(channel_ids))
        try:
            for records in (partners, channels):
                if records:
                    records.check_access_rights("read")
                    records.check_access_rule("read")
        except AccessError:
            raise AccessError(_("You can only address people you can see."))

    @staticmethod
    def _qnetz_command_ids(values):
        """The ids behind plain ids or the (4, id) / (6, 0, ids) commands of a message."""
        ids = []
        for value in values or []:
            if isinstance(value, (list, tuple)):
                if value and value[0] == 6 and len(value) > 2:
                    ids.extend(value[2])
                elif value and value[0] == 4 and len(value) > 1:
                    ids.append(value[1])
                elif value:
                    raise AccessError(_("Recipients are named by their ids."))
            else:
                ids.append(value)
        if not all(isinstance(i, int) for i in ids):
            raise AccessError(_("Recipients are named by their ids."))
        return ids
