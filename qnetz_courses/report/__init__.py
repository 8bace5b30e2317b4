from . import report_qnetz_certificate
from . import report_qnetz_figures
