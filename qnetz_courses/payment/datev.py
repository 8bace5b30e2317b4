"""The DATEV format (EXTF), format category 21 "Buchungsstapel", format version 13, header
version 700, as DATEV's format description on its developer portal states it: a header
line of 31 fields, a line of the 125 column headings, then one line per booking; fields
separated by semicolons, text fields in double quotes (quotes inside doubled), decimal
comma, CR/LF at the end of each line, encoded Windows-1252."""
import re

HEADER_FIELD_COUNT = 31
# The 125 columns of a booking line in the order of the format description.
COLUMNS = (
    ["Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs",
     "Basis-Umsatz", "WKZ Basis-Umsatz", "Konto", "Gegenkonto (ohne BU-Schlüssel)",
     "BU-Schlüssel", "Belegdatum", "Belegfeld 1", "Belegfeld 2", "Skonto", "Buchungstext",
     "Postensperre", "Diverse Adressnummer", "Geschäftspartnerbank", "Sachverhalt",
     "Zinssperre", "Beleglink"]
    + [name for number in range(1, 9) for name in (
        "Beleginfo - Art %d" % number, "Beleginfo - Inhalt %d" % number)]
    + ["KOST1 - Kostenstelle", "KOST2 - Kostenstelle", "Kost-Menge",
       "EU-Land u. UStID (Bestimmung)", "EU-Steuersatz (Bestimmung)",
       "Abw. Versteuerungsart", "Sachverhalt L+L", "Funktionsergänzung L+L",
       "BU 49 Hauptfunktionstyp", "BU 49 Hauptfunktionsnummer", "BU 49 Funktionsergänzung"]
    + [name for number in range(1, 21) for name in (
        "Zusatzinformation - Art %d" % number, "Zusatzinformation- Inhalt %d" % number)]
    + ["Stück", "Gewicht", "Zahlweise", "Forderungsart", "Veranlagungsjahr",
       "Zugeordnete Fälligkeit", "Skontotyp", "Auftragsnummer", "Buchungstyp",
       "USt-Schlüssel (Anzahlungen)", "EU-Land (Anzahlungen)",
       "Sachverhalt L+L (Anzahlungen)", "EU-Steuersatz (Anzahlungen)",
       "Erlöskonto (Anzahlungen)", "Herkunft-Kz", "Buchungs GUID", "KOST-Datum",
       "SEPA-Mandatsreferenz", "Skontosperre", "Gesellschaftername", "Beteiligtennummer",
       "Identifikationsnummer", "Zeichnernummer", "Postensperre bis",
       "Bezeichnung SoBil-Sachverhalt", "Kennzeichen SoBil-Buchung", "Festschreibung",
       "Leistungsdatum", "Datum Zuord. Steuerperiode", "Fälligkeit", "Generalumkehr (GU)",
       "Steuersatz", "Land", "Abrechnungsreferenz", "BVV-Position",
       "EU-Land u. UStID (Ursprung)", "EU-Steuersatz (Ursprung)", "Abw. Skontokonto"])
assert len(COLUMNS) == 125

# What the format allows in "Belegfeld 1" (the document number, at most 36 characters).
DOCUMENT_FIELD = re.compile(r"[^\w$%\-/]", re.ASCII)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]+")


def text(value, length=None):
    """A text field: quoted, inner quotes doubled, no line breaks, cut to `length`."""
    value = CONTROL_CHARACTERS.sub(" ", value or "").strip()
    if length:
        value = value[:length]
    return '"%s"' % value.replace('"', '""')


def amount(value):
    """An amount: positive, two decimals, decimal comma, no thousands separator."""
    return ("%.2f" % abs(value)).replace(".", ",")


def document_number(value):
    return text(DOCUMENT_FIELD.sub("", value or ""), 36)


def header(created, consultant, client, fiscal_year_start, account_length, date_from,
           date_to, label, chart, locked=False, currency="EUR", user=""):
    """The header line (31 fields) of a booking batch; dates are `datetime.date`s,
    `created` a `datetime.datetime`."""
    fields = [
        text("EXTF"), "700", "21", text("Buchungsstapel"), "13",
        created.strftime("%Y%m%d%H%M%S") + "%03d" % (created.microsecond // 1000),
        "", text("RE"), text(user, 25), text(""),
        str(consultant), str(client), fiscal_year_start.strftime("%Y%m%d"),
        str(account_length), date_from.strftime("%Y%m%d"), date_to.strftime("%Y%m%d"),
        text(label, 30), text(""), "1", "0", "1" if locked else "0", text(currency),
        "", text(""), "", "", text(chart), "", "", text(""), text(""),
    ]
    assert len(fields) == HEADER_FIELD_COUNT
    return ";".join(fields)


def booking(value, debit_credit, account, counter_account, day, document, label,
            currency="EUR", tax_key=""):
    """One booking line with the 125 columns; `day` a `datetime.date` (written TTMM, the
    year is the header's)."""
    line = [""] * len(COLUMNS)
    line[0] = amount(value)
    line[1] = text(debit_credit)
    line[2] = text(currency)
    line[6] = str(account)
    line[7] = str(counter_account)
    line[8] = text(tax_key) if tax_key else ""
    line[9] = day.strftime("%d%m")
    line[10] = document_number(document)
    line[13] = text(label, 60)
    return ";".join(line)


def batch(header_line, booking_lines):
    """The file: header, headings, bookings, CR/LF, Windows-1252 (what it cannot hold
    becomes '?')."""
    lines = [header_line, ";".join(COLUMNS)] + list(booking_lines)
    return ("\r\n".join(lines) + "\r\n").encode("cp1252", errors="replace")
