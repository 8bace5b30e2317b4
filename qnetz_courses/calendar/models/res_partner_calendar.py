from odoo import fields, models


class ResPartnerCalendar(models.Model):
    """What planning needs to know of an apprentice's age, and no more."""

    _inherit = "res.partner"

    # Not the birth date: the youth employment rules (JArbSchG) only ask whether someone
    # is under 18 on a day, so the day they turn 18 is all the network keeps.
    of_age_on = fields.Date(
        string="Turns 18 On",
        help="Only for apprentices under 18: the day they turn 18. Until then no course "
             "is planned on Saturdays (JArbSchG § 16) or ending after 20:00 (§ 14). Leave "
             "empty for adults; the birth date is not needed.")

    def _qnetz_scrub_identity(self, replacement):
        # the age is personal data like the name: gone with the anonymisation
        self.sudo().write({"of_age_on": False})
        return super(ResPartnerCalendar, self)._qnetz_scrub_identity(replacement)
