from . import qnetz_datev_export
