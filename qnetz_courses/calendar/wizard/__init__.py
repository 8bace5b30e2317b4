from . import qnetz_session_generator
from . import qnetz_holiday_import
