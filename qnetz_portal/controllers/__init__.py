from . import portal
from . import courses
