from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

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
