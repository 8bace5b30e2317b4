from . import qnetz_report_wizard
