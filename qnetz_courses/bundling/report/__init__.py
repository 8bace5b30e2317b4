from . import qnetz_bundle_proposal
