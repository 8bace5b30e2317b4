from . import qnetz_session_generator
