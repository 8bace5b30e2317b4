import os
import shutil
import subprocess
import tempfile
import unittest
from unittest.mock import patch

from odoo.tools import config

from odoo.addons.qnetz_base.tests.tags import tagged

from ...tests.common import QnetzCoursesCase

PDFTOTEXT = shutil.which("pdftotext")


SKIP_REASON = ("pdftotext (Debian's poppler-utils) is not installed; "
               "scripts/setup_system_packages.sh installs it")


@tagged("subprocess")
class DocumentPdfCase(QnetzCoursesCase):
    """A sender with address, tax number and bank, and a billed course: documents as a
    bookkeeper gets them. wkhtmltopdf really runs, and the PDF's text is read back page
    by page with pdftotext."""

    @classmethod
    def setUpClass(cls):
        super(DocumentPdfCase, cls).setUpClass()
        env = cls.env
        cls.company = env.ref("base.main_company")
        cls.company.write({
            "street": "Teststraße 7", "zip": "37671", "city": "Höxter",
            "tax_number": "351/5741/0815",
        })
        # the test's own account only: the demo company's goes to another holder (it cannot
        # be deleted, the demo's paid invoices name it)
        cls.company.partner_id.bank_ids.write({
            "partner_id": env["res.partner"].create({"name": "Früherer Kontoinhaber"}).id})
        bank = env["res.bank"].create({"name": "Testsparkasse Weserbergland",
                                       "bic": "TESTDEFFXXX"})
        env["res.partner.bank"].create({
            "acc_number": "DE69254501100000123456", "bank_id": bank.id,
            "partner_id": cls.company.partner_id.id, "company_id": cls.company.id})
        cls.company_a.lang = "de_DE"
        cls.course = cls._create_course(date_tz="Europe/Berlin")
        income = env["account.account"].search(
            [("code", "=", "8100"), ("company_id", "=", cls.company.id)], limit=1)
        tax = env.ref("qnetz_courses.tax_exempt_education_sale")
        # Enough lines for a second page.
        lines = [(0, 0, {
            "name": "Kursgebühr Hydraulik Grundlagen, Teilnehmerin %d" % index,
            "account_id": income.id, "quantity": 1, "price_unit": 300.0,
            "invoice_line_tax_ids": [(6, 0, tax.ids)],
        }) for index in range(45)]
        cls.invoice = env["account.invoice"].create({
            "partner_id": cls.company_a.id, "type": "out_invoice",
            "course_id": cls.course.id, "invoice_line_ids": lines,
            # a due date, as validation asks; without a printed note, so that the pages
            # break where this test expects them
            "payment_term_id": env["account.payment.term"].create({
                "name": "14 Tage (Test)", "line_ids": [(0, 0, {
                    "value": "balance", "days": 14,
                    "option": "day_after_invoice_date"})]}).id,
        })
        cls.invoice.action_invoice_open()

    def _pdf_pages(self, records, report_xmlid="account.account_invoices"):
        report = self.env.ref(report_xmlid)
        # Odoo renders HTML instead of PDF in test mode unless a report directory is
        # configured; with one, wkhtmltopdf really runs.
        with tempfile.TemporaryDirectory() as directory, \
                patch.dict(config.options, {"test_report_directory": directory}):
            pdf, fmt = report.render_qweb_pdf(records.ids)
            self.assertEqual(fmt, "pdf")
            path = os.path.join(directory, "invoice.pdf")
            with open(path, "wb") as handle:
                handle.write(pdf)
            text = subprocess.check_output([PDFTOTEXT, "-layout", path, "-"]).decode("utf-8")
        return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@unittest.skipUnless(PDFTOTEXT, SKIP_REASON)
class TestInvoicePdf(DocumentPdfCase):
    """The printed invoice as a bookkeeper gets it."""

    def test_odoo_uses_the_patched_wkhtmltopdf(self):
        from odoo.addons.base.ir.ir_actions_report import _get_wkhtmltopdf_bin
        binary = _get_wkhtmltopdf_bin()
        version = subprocess.check_output([binary, "--version"]).decode("utf-8")
        # Debian's build ignores --header-html/--footer-html: no letterhead, no page numbers.
        self.assertIn("with patched qt", version, binary)

    def test_every_page_carries_sender_and_page_number(self):
        pages = self._pdf_pages(self.invoice)
        self.assertGreaterEqual(len(pages), 2, "the invoice should run over two pages")
        total = len(pages)
        for number, page in enumerate(pages, 1):
            flat = " ".join(page.split())
            self.assertIn(self.company.name, flat, "sender missing on page %d" % number)
            self.assertIn("Teststraße 7", flat, "address missing on page %d" % number)
            self.assertIn("351/5741/0815", flat, "tax number missing on page %d" % number)
            self.assertIn("DE69254501100000123456", flat, "bank missing on page %d" % number)
            self.assertIn("Seite %d von %d" % (number, total), flat)

    def test_credit_note_names_the_corrected_invoice(self):
        refund = self.invoice.refund(description="Storno")
        refund.action_invoice_open()
        flat = " ".join(" ".join(self._pdf_pages(refund)).split())
        self.assertIn("Rechnungskorrektur", flat)
        self.assertIn("Korrigiert die Rechnung: %s" % self.invoice.number, flat)
        self.assertIn("Seite 1 von", flat)

    def test_invoice_states_what_the_law_asks(self):
        flat = " ".join(" ".join(self._pdf_pages(self.invoice)).split())
        # The label is whole, not broken across two lines.
        self.assertIn("Rechnungsdatum", flat)
        self.assertIn("Leistungszeitraum: 02.03.2030 – 30.03.2030", flat)
        self.assertIn("§ 4 Nr. 21 UStG", flat)
        self.assertIn(self.invoice.number, flat)
        self.assertIn("Testbetrieb Brakel GmbH", flat)
