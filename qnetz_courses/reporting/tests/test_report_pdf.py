import unittest

from ...billing.tests.test_invoice_pdf import PDFTOTEXT, SKIP_REASON, DocumentPdfCase


@unittest.skipUnless(PDFTOTEXT, SKIP_REASON)
class TestReportPdf(DocumentPdfCase):
    """The funding body's report carries the letterhead of every document."""

    def test_funders_report_carries_the_sender_on_every_page(self):
        wizard = self.env["qnetz.report.wizard"].create({
            "date_from": "2030-01-01", "date_to": "2030-12-31"})
        pages = self._pdf_pages(wizard, "qnetz_courses.action_report_qnetz_figures")
        self.assertGreaterEqual(len(pages), 1)
        for number, page in enumerate(pages, 1):
            flat = " ".join(page.split())
            self.assertIn(self.company.name, flat, "sender missing on page %d" % number)
            self.assertIn("351/5741/0815", flat, "tax number missing on page %d" % number)
            self.assertIn("Seite %d / %d" % (number, len(pages)), flat)
