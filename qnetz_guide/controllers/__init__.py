from . import main
from . import calendar
