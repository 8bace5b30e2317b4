from . import qnetz_bundle_wizard
