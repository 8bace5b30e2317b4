from . import spine
from . import calendar
from . import billing
from . import bundling
from . import reporting
from . import funding
