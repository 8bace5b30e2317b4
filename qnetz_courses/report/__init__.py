from . import report_qnetz_certificate
