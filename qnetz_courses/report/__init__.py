from . import qnetz_report_analysis
from . import qnetz_report_figures
from . import qnetz_bundle_proposal
from . import report_qnetz_certificate
from . import report_qnetz_figures
from . import report_qnetz_attendance_sheet
from . import qnetz_course_reconciliation
