"""Exports an addon's terms to i18n/<addon>.pot and merges them into i18n/de.po.

    python scripts/update_translations.py CONFIG DBNAME ADDON

The database must have the addon installed (the test database will do). Existing
German translations are kept; new terms are added with an empty msgstr, terms
that disappeared are dropped. `--check` only reports untranslated terms.
"""
import os
import subprocess
import sys
import tempfile

import polib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def export(config, dbname, addon, path, lang=None):
    cmd = [sys.executable, os.path.join(HERE, "odoo"), "-c", config, "-d", dbname,
           "--i18n-export=%s" % path, "--modules=%s" % addon, "--stop-after-init",
           "--log-level=warn", "--log-handler=odoo.modules.graph:CRITICAL"]
    if lang:
        cmd.append("--language=%s" % lang)
    subprocess.check_call(cmd)


def untranslated(po):
    return [e for e in po if not e.msgstr and not e.obsolete and e.msgid]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    config, dbname, addon = args
    i18n = os.path.join(ROOT, addon, "i18n")
    de_path = os.path.join(i18n, "de.po")
    if "--check" in sys.argv:
        missing = untranslated(polib.pofile(de_path))
        for entry in missing:
            print("untranslated: %r" % entry.msgid)
        sys.exit(1 if missing else 0)
    os.makedirs(i18n, exist_ok=True)
    pot_path = os.path.join(i18n, "%s.pot" % addon)
    # Odoo writes a template when no language is given, but only to a .po name.
    with tempfile.NamedTemporaryFile(suffix=".po") as tmp:
        export(config, dbname, addon, tmp.name)
        polib.pofile(tmp.name).save(pot_path)
    old = polib.pofile(de_path) if os.path.exists(de_path) else polib.POFile()
    known = {(e.msgctxt, e.msgid): e.msgstr for e in old if e.msgstr and e.msgstr != e.msgid}
    with tempfile.NamedTemporaryFile(suffix=".po") as tmp:
        export(config, dbname, addon, tmp.name, lang="de_DE")
        new = polib.pofile(tmp.name)
    for entry in new:
        # Odoo exports an untranslated term with its source as msgstr. Terms that read
        # the same in German (names of occupations, districts) stay empty: Odoo then
        # shows the source, which is right.
        if entry.msgstr == entry.msgid:
            entry.msgstr = ""
        entry.msgstr = known.get((entry.msgctxt, entry.msgid), entry.msgstr)
    new.metadata["Language"] = "de"
    new.save(de_path)
    print("%s: %d terms, %d untranslated" % (de_path, len(new), len(untranslated(new))))


if __name__ == "__main__":
    main()
