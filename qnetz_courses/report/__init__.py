from . import report_qnetz_certificate
from . import report_qnetz_figures
from . import report_qnetz_attendance_sheet
from . import qnetz_course_reconciliation
