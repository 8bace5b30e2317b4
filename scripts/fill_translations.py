"""Fills empty German translations of an addon's de.po from a JSON file of msgid -> msgstr.

    python scripts/fill_translations.py qnetz_base /path/to/terms.json

A helper for the step after `make i18n`, which adds new terms with an empty msgstr:
translations already in the file are never overwritten.
"""
import json
import os
import sys

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(addon, terms_path):
    with open(terms_path, encoding="utf-8") as terms_file:
        terms = json.load(terms_file)
    path = os.path.join(ROOT, addon, "i18n", "de.po")
    po = polib.pofile(path)
    filled = 0
    for entry in po:
        if not entry.msgstr and entry.msgid in terms:
            entry.msgstr = terms[entry.msgid]
            filled += 1
    po.save(path)
    missing = [e.msgid for e in po if not e.msgstr and not e.obsolete]
    print("%s: %d filled, %d still empty" % (addon, filled, len(missing)))
    for msgid in missing:
        print("  empty: %r" % msgid[:100])


if __name__ == "__main__":
    main(*sys.argv[1:])
