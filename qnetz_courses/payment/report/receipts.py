"""What came in for a customer invoice, as SQL: one place for the open-items report, the
billed-against-received analysis and the course reconciliation.

Money received is a partial reconciliation of the invoice's receivable line with a line
booked in a bank or cash journal (a matched statement line, a payment, a direct-debit
order); a credit note set off against the invoice is not money received (it lowers what
was billed instead)."""

# invoice_id, partial_id, date (of the payment), amount (money in positive; a refund paid
# back to the company negative)
RECEIPTS_SQL = """
    SELECT inv.id AS invoice_id, pr.id AS partial_id, pay.date AS date,
           CASE WHEN pr.debit_move_id = own.id THEN pr.amount ELSE -pr.amount END AS amount
      FROM account_invoice inv
      JOIN account_move_line own ON own.move_id = inv.move_id
      JOIN account_account acc ON acc.id = own.account_id AND acc.internal_type = 'receivable'
      JOIN account_partial_reconcile pr
        ON pr.debit_move_id = own.id OR pr.credit_move_id = own.id
      JOIN account_move_line pay
        ON pay.id = CASE WHEN pr.debit_move_id = own.id
                         THEN pr.credit_move_id ELSE pr.debit_move_id END
      JOIN account_journal j ON j.id = pay.journal_id AND j.type IN ('bank', 'cash')
     WHERE inv.type IN ('out_invoice', 'out_refund')
"""
