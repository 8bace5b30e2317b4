from . import portal
from . import courses
from . import login
