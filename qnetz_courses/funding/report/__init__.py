from . import qnetz_course_reconciliation
from . import qnetz_report_figures
