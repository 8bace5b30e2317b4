from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from ..tools import html_text


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def create(self, values):
        # Odoo logs "<model> created" with the model's name in the context's language and
        # the rest in the user's (tracking too): a record made without a language in the
        # context (demo data loading, a job, an RPC client) read "Support Offer erstellt"
        if "lang" in self._context or self._context.get("tracking_disable") \
                or self._context.get("mail_create_nolog"):
            return super(MailThread, self).create(values)
        record = super(MailThread, self.with_context(lang=self.env.user.lang)).create(values)
        return record.with_env(self.env)

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None,
                          force=True):
        # Odoo lets anyone follow a record they may read, and a course's followers get its
        # discussion by mail. Outside the coordination, who follows what is the network's
        # decision: its own code subscribes companies and providers as superuser.
        if self.env.uid != SUPERUSER_ID and self.env.user.share:
            raise AccessError(_("Who follows a record of the network is decided by the "
                                "coordination."))
        return super(MailThread, self).message_subscribe(
            partner_ids=partner_ids, channel_ids=channel_ids, subtype_ids=subtype_ids,
            force=force)

    @api.multi
    def _qnetz_todo(self, summary, note=None, users=None, deadline=None, once=False):
        """A to-do (Odoo's activity of type "To Do") on each record for `users`, by
        default the coordinators: the one way the network's code asks a person to act.

        `note` is plain text (it may carry what someone outside typed; it is shown as
        typed). `deadline` defaults to today. With `once`, a record and user that already
        have an open to-do of the same summary get no second one (jobs that run daily).
        Returns the activities made. Written as superuser: the to-do is the network's,
        whoever's action caused it (a company in the portal, a job)."""
        Users = self.env["res.users"]
        if users is None:
            coordinators = Users._qnetz_coordinators()
            users = coordinators.filtered(lambda user: user.id != SUPERUSER_ID) \
                or coordinators
        users = users.filtered(lambda user: not user.share)
        Activity = self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True)
        made = Activity.browse()
        if not self or not users:
            return made
        skip = set()
        if once:
            skip = {(activity.res_id, activity.user_id.id) for activity in Activity.search([
                ("res_model", "=", self._name), ("res_id", "in", self.ids),
                ("summary", "=", summary), ("user_id", "in", users.ids)])}
        todo_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        values = {
            "res_model_id": self.env["ir.model"].sudo()._get_id(self._name),
            "activity_type_id": todo_type.id if todo_type else False,
            "summary": summary,
            "note": html_text(note) if note else False,
            "date_deadline": deadline or fields.Date.context_today(self),
        }
        for record in self:
            for user in users:
                if (record.id, user.id) not in skip:
                    made |= Activity.create(dict(values, res_id=record.id, user_id=user.id))
        return made
