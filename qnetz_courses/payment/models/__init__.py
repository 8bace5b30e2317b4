from . import account_bank_statement_line
from . import account_bank_statement_import
from . import account_bank_statement_import_camt_parser
from . import account_invoice_payment
from . import credit_control_policy
from . import credit_control_run
