from . import qnetz_course_reconciliation
