from . import qnetz_billing_wizard
