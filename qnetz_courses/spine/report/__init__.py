from . import report_qnetz_certificate
from . import report_qnetz_attendance_sheet
