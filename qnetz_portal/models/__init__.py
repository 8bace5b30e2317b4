from . import res_partner
from . import qnetz_need
from . import event_event
from . import event_registration
from . import qnetz_course_session
from . import res_users
from . import qnetz_quote
from . import qnetz_report_figures
