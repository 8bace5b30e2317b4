from . import qnetz_town
from . import qnetz_course_module
from . import qnetz_need_module
from . import qnetz_quote_request
from . import qnetz_quote
from . import event_event_module
from . import qnetz_match_feedback
