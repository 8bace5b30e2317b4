import csv
import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError

from ...tests.payment_common import PaymentCase
from ..datev import COLUMNS

# The rules of DATEV's format description for the fields the export writes.
HEADER_RULES = {
    1: r'"EXTF"', 2: r"700", 3: r"21", 4: r'"Buchungsstapel"', 5: r"13", 6: r"\d{17}",
    7: r"", 8: r'"RE"', 11: r"\d{4,7}", 12: r"\d{1,5}", 13: r"\d{8}", 14: r"[4-8]",
    15: r"\d{8}", 16: r"\d{8}", 17: r'".{0,30}"', 19: r"1", 20: r"0", 21: r"[01]",
    22: r'"[A-Z]{3}"', 27: r'"0[34]"',
}
LINE_RULES = {
    1: r"\d{1,10},\d{2}", 2: r'"[SH]"', 3: r'"[A-Z]{3}"', 7: r"\d{1,9}", 8: r"\d{1,9}",
    9: r'(|"\d{4}")', 10: r"\d{4}", 11: r'"[\w$%\-/]{0,36}"', 14: r'".{0,60}"',
}


class TestDatevExport(PaymentCase):

    @classmethod
    def setUpClass(cls):
        super(TestDatevExport, cls).setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.company.write({"datev_consultant_number": 29098, "datev_client_number": 55003})
        cls.today = fields.Date.from_string(cls.invoice_a.date_invoice)
        cls.first = cls.today.replace(day=1)
        cls.last = cls.first + relativedelta(months=1, days=-1)

    def _export(self, date_from=None, date_to=None):
        return self.env["qnetz.datev.export"]._qnetz_batch(
            self.company, date_from or self.first, date_to or self.last)

    def _rows(self, content):
        text = content.decode("cp1252")
        self.assertTrue(text.endswith("\r\n"))
        self.assertNotIn("\n", text.replace("\r\n", ""), "every line ends in CR/LF")
        raw_lines = text.split("\r\n")[:-1]
        rows = [next(csv.reader([line], delimiter=";", quotechar='"')) for line in raw_lines]
        # the raw fields, quotes included, to check the quoting rules
        raw = [re.findall(r'(?:"(?:[^"]|"")*"|[^;"]*)(?:;|$)', line) for line in raw_lines]
        raw = [[field.rstrip(";") for field in fields_][:len(row)]
               for fields_, row in zip(raw, rows)]
        return rows, raw

    def test_header_and_every_line_follow_the_format(self):
        self._import([self._entry(1200.0, self.invoice_a.number, "DV1",
                                  name=self.company_a.name)])
        rows, raw = self._rows(self._export())
        header, headings, bookings = raw[0], rows[1], raw[2:]
        self.assertEqual(len(header), 31)
        for number, rule in HEADER_RULES.items():
            self.assertRegex(header[number - 1], "^%s$" % rule, "header field %d" % number)
        self.assertEqual(header[10:16], [
            "29098", "55003", "%d0101" % self.first.year, "4",
            self.first.strftime("%Y%m%d"), self.last.strftime("%Y%m%d")])
        self.assertEqual(header[26], '"03"', "the chart in use: SKR03")
        self.assertEqual(headings, COLUMNS)
        self.assertEqual(len(headings), 125)
        self.assertTrue(bookings)
        for booking in bookings:
            self.assertEqual(len(booking), 125, booking[:14])
            for number, rule in LINE_RULES.items():
                self.assertRegex(booking[number - 1], "^%s$" % rule,
                                 "field %d of %s" % (number, booking[:14]))
            # Belegdatum TTMM within the header's period; personal accounts one digit
            # longer than the 4-digit general ledger accounts at most
            self.assertEqual(booking[9][2:], self.first.strftime("%m"))
            self.assertLessEqual(len(booking[6]), 5)
            self.assertLessEqual(len(booking[7]), 5)
        # the invoice: revenue (SKR03 8xxx) credited against the company's debtor account;
        # the payment: the debtor credited against the bank
        debtor = str(10000 + self.company_a.id)
        number = '"%s"' % self.invoice_a.number
        invoice_lines = [b for b in bookings if b[10] == number]
        # a line per participant (4 x 300.00), each credited to revenue against the debtor
        self.assertEqual({(b[1], b[7]) for b in invoice_lines}, {('"H"', debtor)})
        self.assertEqual(sum(float(b[0].replace(",", ".")) for b in invoice_lines), 1200.0)
        self.assertTrue(all(b[6].startswith("8") for b in invoice_lines), invoice_lines[0][6])
        payment = [b for b in bookings if b[6] == debtor and b[10] != number]
        self.assertEqual([(b[0], b[1], b[7]) for b in payment],
                         [("1200,00", '"H"', self.journal.default_debit_account_id.code)])

    def test_bad_settings_and_periods_are_refused_with_a_message(self):
        with self.assertRaises(UserError):
            self._export(self.last, self.first)
        with self.assertRaises(UserError):
            self._export(date(self.first.year, 12, 1), date(self.first.year + 1, 1, 31))
        self.company.datev_consultant_number = 0
        with self.assertRaises(UserError):
            self._export()

    def test_the_wizard_offers_the_file(self):
        wizard = self.env["qnetz.datev.export"].create({
            "date_from": fields.Date.to_string(self.first),
            "date_to": fields.Date.to_string(self.last)})
        wizard.action_export()
        self.assertTrue(wizard.data)
        self.assertTrue(wizard.filename.startswith("EXTF_Buchungsstapel_"))
        self.assertTrue(wizard.filename.endswith(".csv"))
