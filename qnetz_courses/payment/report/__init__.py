from . import qnetz_open_item
from . import qnetz_payment_analysis
from . import qnetz_course_reconciliation
