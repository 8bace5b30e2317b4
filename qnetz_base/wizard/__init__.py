from . import qnetz_anonymise_wizard
