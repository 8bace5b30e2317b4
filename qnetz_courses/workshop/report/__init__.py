from . import qnetz_report_figures
