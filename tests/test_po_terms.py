"""A translation of a page's text (a QWeb template: the portal's and the website's pages, the
reports; the window views are rendered by test_german_backend) reaches the page only if its
msgid is the term Odoo cuts from the view: for `<strong>Text:</strong>` alone in a block that
is the whole element, tags included. A msgid written by hand as the bare text matches nothing,
and the page stays English although the .po "has" the translation (the provider's start page
did, issue 24).
"""
import glob
import os

import polib

from odoo.tests.common import SavepointCase
from odoo.tools.translate import xml_translate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")
VIEW_TERM = "model:ir.ui.view,arch_db:"


class TestPoTerms(SavepointCase):

    def _view_terms(self, xmlid):
        """The terms Odoo translates in the template, None for another view or none."""
        view = self.env.ref(xmlid, raise_if_not_found=False)
        if not view or view.type != "qweb":
            return None
        terms = set()
        xml_translate(terms.add, view.with_context(lang=None).arch_db or "")
        return terms

    def test_every_view_term_of_the_po_files_is_a_term_of_its_view(self):
        terms_of = {}
        dead = []
        for addon in ADDONS:
            for path in sorted(glob.glob(os.path.join(ROOT, addon, "i18n", "*.po"))):
                for entry in polib.pofile(path):
                    if entry.obsolete or not entry.msgstr:
                        continue
                    for occurrence, _line in entry.occurrences:
                        if not occurrence.startswith(VIEW_TERM):
                            continue
                        xmlid = occurrence[len(VIEW_TERM):]
                        if xmlid not in terms_of:
                            terms_of[xmlid] = self._view_terms(xmlid)
                        terms = terms_of[xmlid]
                        if terms is not None and entry.msgid not in terms:
                            dead.append("%s %s: %r" % (os.path.relpath(path, ROOT), xmlid,
                                                       entry.msgid[:80]))
        self.assertFalse(dead, "translations that no view text matches (the page shows "
                               "the English):\n" + "\n".join(dead))

    def test_every_reference_names_a_target_odoo_reads(self):
        """Odoo's .po reader takes a reference as type:name:id ("code:addons/x.py:0"); one
        without its third part is read as something else, and the term never loads."""
        unread = []
        for addon in ADDONS:
            for path in sorted(glob.glob(os.path.join(ROOT, addon, "i18n", "*.po"))):
                for entry in polib.pofile(path):
                    for occurrence, line in entry.occurrences:
                        reference = "%s:%s" % (occurrence, line) if line else occurrence
                        if len(reference.split(":", 2)) != 3:
                            unread.append("%s: %s" % (os.path.relpath(path, ROOT), reference))
        self.assertFalse(unread, "references Odoo cannot read:\n" + "\n".join(unread))
