from . import main
from . import website_event
