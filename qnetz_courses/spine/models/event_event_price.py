from odoo import api, models
from odoo.tools import formatLang


class EventEvent(models.Model):
    _inherit = "event.event"

    @api.multi
    def _qnetz_price(self):
        """What a place in the course costs, for the public course page and the companies'
        portal alike: the fee, the funding share and what the company pays, as amounts and
        formatted in the reader's language. A total course price is shown as such."""
        self.ensure_one()
        course = self.sudo()
        if not course.fee_amount:
            return {}
        share = course.funding_share or 0.0
        company_part = 1.0 - share / 100.0
        currency = course.currency_id or self.env.user.company_id.currency_id

        def fmt(amount):
            return formatLang(self.env, amount, currency_obj=currency)
        price = {"fee_model": course.fee_model, "funding_share": "%g" % share,
                 "company_amount": course.fee_amount * company_part, "currency": currency}
        if course.fee_model == "total":
            price.update(total=fmt(course.fee_amount),
                         total_company=fmt(course.fee_amount * company_part))
        else:
            price.update(per_participant=fmt(course.fee_amount),
                         company=fmt(course.fee_amount * company_part))
        return price

    @api.multi
    def _qnetz_format_amount(self, amount):
        self.ensure_one()
        currency = self.sudo().currency_id or self.env.user.company_id.currency_id
        return formatLang(self.env, amount, currency_obj=currency)
