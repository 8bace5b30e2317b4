from . import qnetz_report_xlsx
