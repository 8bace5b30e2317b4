from . import report
from . import redirect
from . import auth_signup
from . import mail
from . import binary
from . import health
