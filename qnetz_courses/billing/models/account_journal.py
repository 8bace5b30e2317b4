from odoo import api, models

# Readable numbers on the network's documents: RE-2026-0004 instead of the default
# "<journal code>/2026/0004", whose German journal code reads "RE.:/2026/0004".
PREFIXES = {
    ("sale", False): "RE-%(range_year)s-",
    ("sale", True): "GS-%(range_year)s-",
    ("purchase", False): "ER-%(range_year)s-",
    ("purchase", True): "EG-%(range_year)s-",
}


class AccountJournal(models.Model):
    _inherit = "account.journal"

    @api.model
    def _qnetz_setup_invoice_numbers(self):
        """Give the main company's sale and purchase journals readable numbers.

        Runs at install and update; a prefix the accountant changed (one without the
        default "/") is left alone.
        """
        company = self.env.ref("base.main_company")
        journals = self.search([("company_id", "=", company.id),
                                ("type", "in", ("sale", "purchase"))])
        for journal in journals:
            for refund, sequence in ((False, journal.sequence_id),
                                     (True, journal.refund_sequence_id)):
                if sequence and "/" in (sequence.prefix or "/"):
                    sequence.write({"prefix": PREFIXES[(journal.type, refund)], "padding": 4})
        return True
