from . import qnetz_need
from . import event_event
from . import event_registration
from . import qnetz_course_session
from . import qnetz_attendance
from . import qnetz_bundle_proposal
from . import account_invoice
from . import account_invoice_line
