from odoo import api, models

# SKR03 accounts for VAT-exempt education services and bought-in teaching
INCOME_ACCOUNT_CODE = "8100"   # Steuerfreie Umsätze §4 Nr. 8 ff UStG
EXPENSE_ACCOUNT_CODE = "3100"  # Fremdleistungen


class AccountTax(models.Model):
    _inherit = "account.tax"

    @api.model
    def _qnetz_setup_education_accounting(self):
        """Wire the §4 Nr. 21 tax and the course fee product to the SKR03 accounts.

        Runs at install and update. The German localisation (DATEV check) only lets a
        tax onto an account that lists it, so the exempt income account must know the
        education tax. Does nothing when the company has no SKR03 chart.
        """
        company = self.env.ref("base.main_company")
        sale_tax = self.env.ref("qnetz_courses.tax_exempt_education_sale",
                                raise_if_not_found=False)
        product = self.env.ref("qnetz_courses.product_course_fee", raise_if_not_found=False)
        Account = self.env["account.account"]
        income = Account.search([("code", "=", INCOME_ACCOUNT_CODE),
                                 ("company_id", "=", company.id)], limit=1)
        expense = Account.search([("code", "=", EXPENSE_ACCOUNT_CODE),
                                  ("company_id", "=", company.id)], limit=1)
        if income and sale_tax and income.tax_ids and sale_tax not in income.tax_ids:
            income.tax_ids = [(4, sale_tax.id)]
        if product:
            template = product.product_tmpl_id.with_context(force_company=company.id)
            values = {}
            if income and not template.property_account_income_id:
                values["property_account_income_id"] = income.id
            if expense and not template.property_account_expense_id:
                values["property_account_expense_id"] = expense.id
            if values:
                template.write(values)
        return True
