from . import event_event_billing
from . import event_event_send
from . import account_invoice
from . import account_invoice_line
from . import account_tax
from . import account_journal
from . import res_company
