"""A CAMT.053 (ISO 20022 bank-to-customer statement, version 001.02 as German banks send
it) written from a list of credit transfers: the demo's bank statement and the tests'.

Only the elements a statement import reads are written: the account, the balances, one
entry per transaction with its booking date, amount, debtor or creditor name and IBAN and
the unstructured remittance information (the payer's reference text)."""
from xml.sax.saxutils import escape

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"


def _amount(value):
    return "%.2f" % abs(value)


def camt053(statement_id, iban, currency, day, opening, entries):
    """The statement as bytes. `entries`: dicts with amount (negative: money out), name
    (the other party), iban (the other party's), reference (remittance text), ref (the
    bank's entry reference, unique per statement)."""
    closing = opening + sum(entry["amount"] for entry in entries)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Document xmlns="%s">' % NAMESPACE,
        "<BkToCstmrStmt>",
        "<GrpHdr><MsgId>%s</MsgId><CreDtTm>%sT18:00:00</CreDtTm></GrpHdr>" % (
            escape(statement_id), day),
        "<Stmt>",
        "<Id>%s</Id><CreDtTm>%sT18:00:00</CreDtTm>" % (escape(statement_id), day),
        "<Acct><Id><IBAN>%s</IBAN></Id><Ccy>%s</Ccy></Acct>" % (iban, currency),
    ]
    for code, value in (("PRCD", opening), ("CLBD", closing)):
        parts.append(
            '<Bal><Tp><CdOrPrtry><Cd>%s</Cd></CdOrPrtry></Tp>'
            '<Amt Ccy="%s">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>'
            % (code, currency, _amount(value), "DBIT" if value < 0 else "CRDT", day))
    for entry in entries:
        incoming = entry["amount"] > 0
        party = "Dbtr" if incoming else "Cdtr"
        parts.append(
            '<Ntry><Amt Ccy="%(ccy)s">%(amount)s</Amt><CdtDbtInd>%(ind)s</CdtDbtInd>'
            '<Sts>BOOK</Sts><BookgDt><Dt>%(day)s</Dt></BookgDt><ValDt><Dt>%(day)s</Dt></ValDt>'
            '<AcctSvcrRef>%(ref)s</AcctSvcrRef>'
            '<BkTxCd><Prtry><Cd>%(code)s</Cd></Prtry></BkTxCd>'
            '<NtryDtls><TxDtls><Refs><AcctSvcrRef>%(ref)s</AcctSvcrRef>'
            '<EndToEndId>NOTPROVIDED</EndToEndId></Refs>'
            '<AmtDtls><TxAmt><Amt Ccy="%(ccy)s">%(amount)s</Amt></TxAmt></AmtDtls>'
            '<RltdPties><%(party)s><Nm>%(name)s</Nm></%(party)s>'
            '<%(party)sAcct><Id><IBAN>%(iban)s</IBAN></Id></%(party)sAcct></RltdPties>'
            '<RmtInf><Ustrd>%(reference)s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>' % {
                "ccy": currency, "amount": _amount(entry["amount"]),
                "ind": "CRDT" if incoming else "DBIT", "day": day,
                "ref": escape(entry["ref"]), "code": "NTRF+166" if incoming else "NTRF+116",
                "party": party, "name": escape(entry["name"]), "iban": entry["iban"],
                "reference": escape(entry["reference"])})
    parts.append("</Stmt></BkToCstmrStmt></Document>")
    return "".join(parts).encode("utf-8")
