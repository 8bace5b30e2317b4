from odoo import models


def _first_text(node, xpath, ns):
    found = node.xpath(xpath, namespaces={"ns": ns})
    return (found[0].text or "").strip() if found else ""


class CamtParser(models.AbstractModel):
    """The bank's own reference of each booking (AcctSvcrRef) as the transaction's import
    id: OCA's parser (11.0.1.1.0) sets none, so the same statement imported twice would
    book every payment twice; with it, Odoo skips what it has already imported."""

    _inherit = "account.bank.statement.import.camt.parser"

    def parse_transaction_details(self, ns, node, transaction):
        super(CamtParser, self).parse_transaction_details(ns, node, transaction)
        reference = _first_text(node, "./ns:Refs/ns:AcctSvcrRef", ns)
        if reference:
            transaction["unique_import_id"] = reference

    def parse_entry(self, ns, node):
        entry_reference = _first_text(node, "./ns:AcctSvcrRef", ns)
        seen = set()
        for index, transaction in enumerate(super(CamtParser, self).parse_entry(ns, node)):
            # a batch booking without references of its own: the entry's, numbered
            if entry_reference and (not transaction.get("unique_import_id")
                                    or transaction["unique_import_id"] in seen):
                transaction["unique_import_id"] = "%s-%d" % (entry_reference, index + 1)
            seen.add(transaction.get("unique_import_id"))
            yield transaction
