from . import qnetz_bundle_wizard
from . import qnetz_billing_wizard
from . import qnetz_report_wizard
from . import qnetz_session_generator
from . import qnetz_report_wizard_project
