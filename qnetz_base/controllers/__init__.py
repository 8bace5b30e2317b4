from . import report
from . import auth_signup
