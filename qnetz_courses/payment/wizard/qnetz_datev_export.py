import base64
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import datev
from ...spine.course_time import course_today

# DATEV's personal accounts: debtors 10000-69999, creditors 70000-99999 (with 4-digit
# general ledger accounts, a personal account has one digit more).
DEBTOR_BASE, CREDITOR_BASE, PERSONAL_END = 10000, 70000, 100000


class QnetzDatevExport(models.TransientModel):
    """The handover to the tax advisor: the period's posted journal entries as a DATEV
    booking batch (EXTF, Buchungsstapel), with the accounts of the chart in use."""

    _name = "qnetz.datev.export"
    _description = "DATEV Export"

    def _default_date_from(self):
        # the last full month, as the tax advisor usually asks for it
        first = fields.Date.from_string(course_today()).replace(day=1)
        return fields.Date.to_string(first - relativedelta(months=1))

    def _default_date_to(self):
        first = fields.Date.from_string(course_today()).replace(day=1)
        return fields.Date.to_string(first - relativedelta(days=1))

    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(string="To", required=True, default=_default_date_to)
    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.multi
    def action_export(self):
        self.ensure_one()
        company = self.env.user.company_id
        content = self._qnetz_batch(company, fields.Date.from_string(self.date_from),
                                    fields.Date.from_string(self.date_to))
        self.write({"data": base64.b64encode(content),
                    "filename": "EXTF_Buchungsstapel_%s_%s.csv" % (
                        self.date_from.replace("-", ""), self.date_to.replace("-", ""))})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}

    @api.model
    def _qnetz_fiscal_year_start(self, company, day):
        last = date(day.year, company.fiscalyear_last_month or 12, 1) \
            + relativedelta(day=company.fiscalyear_last_day or 31)
        if last < day:
            last += relativedelta(years=1)
        return last - relativedelta(years=1) + relativedelta(days=1)

    @api.model
    def _qnetz_batch(self, company, date_from, date_to):
        if date_from > date_to:
            raise UserError(_("DATEV export: the period ends before it begins."))
        start = self._qnetz_fiscal_year_start(company, date_from)
        if date_to >= start + relativedelta(years=1):
            raise UserError(_("DATEV export: a booking batch holds one fiscal year; export "
                              "the period in two parts."))
        if not (1001 <= company.datev_consultant_number <= 9999999
                and 1 <= company.datev_client_number <= 99999):
            raise UserError(_("DATEV export: enter the tax advisor's consultant number "
                              "(1001-9999999) and your client number (1-99999) under "
                              "Settings › Companies › DATEV Export."))
        moves = self.env["account.move"].search([
            ("company_id", "=", company.id), ("state", "=", "posted"),
            ("date", ">=", fields.Date.to_string(date_from)),
            ("date", "<=", fields.Date.to_string(date_to))], order="date, id")
        lines = [booking for move in moves for booking in self._qnetz_bookings(move)]
        chart = "04" if company.chart_template_id.get_external_id().get(
            company.chart_template_id.id, "").startswith("l10n_de_skr04") else "03"
        head = datev.header(
            fields.Datetime.context_timestamp(self, fields.Datetime.from_string(
                fields.Datetime.now())),
            company.datev_consultant_number, company.datev_client_number, start,
            company.datev_account_length or 4, date_from, date_to,
            _("Qualifizierungsnetzwerk %s") % date_from.strftime("%m/%Y"), chart,
            currency=company.currency_id.name, user=self.env.user.name)
        return datev.batch(head, lines)

    def _qnetz_account(self, line):
        """The DATEV account of a journal item: a personal account for a partner's
        receivable or payable, the chart's account number otherwise."""
        kind = line.account_id.internal_type
        partner = line.partner_id.commercial_partner_id
        if partner and kind in ("receivable", "payable"):
            number = (DEBTOR_BASE if kind == "receivable" else CREDITOR_BASE) + partner.id
            limit = CREDITOR_BASE if kind == "receivable" else PERSONAL_END
            if number < limit:
                return number
        code = line.account_id.code or ""
        if not code.isdigit():
            raise UserError(_("DATEV export: the account %s has no numeric code.")
                            % line.account_id.display_name)
        return int(code)

    def _qnetz_bookings(self, move):
        """One DATEV booking per journal item against the move's main item: DATEV books
        account against counter account. The main item is the bank's (a payment), else
        the receivable or payable (an invoice), else the largest."""
        items = move.line_ids.filtered(lambda item: item.balance)
        if not items:
            return []
        rank = {"liquidity": 2, "receivable": 1, "payable": 1}
        main = max(items, key=lambda item: (
            rank.get(item.account_id.internal_type, 0), abs(item.balance), -item.id))
        counter = self._qnetz_account(main)
        day = fields.Date.from_string(move.date)
        document = move.name or move.ref or ""
        result = []
        for item in items - main:
            label = " ".join(part for part in (
                item.partner_id.commercial_partner_id.name or "", item.name or "") if part)
            result.append(datev.booking(
                item.balance, "S" if item.balance > 0 else "H", self._qnetz_account(item),
                counter, day, document, label,
                currency=(move.company_id.currency_id.name or "EUR")))
        return result
