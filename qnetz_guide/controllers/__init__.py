from . import main
from . import website_event
from . import calendar
from . import web_editor
from . import website_designer
