from . import qnetz_report_analysis
from . import qnetz_report_figures
from . import report_qnetz_figures
