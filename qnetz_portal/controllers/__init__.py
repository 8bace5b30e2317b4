from . import portal
from . import courses
from . import calendar
from . import evidence
from . import login
from . import quotes
from . import network
from . import payments
