from . import qnetz_holiday
from . import qnetz_weekday_mixin
from . import qnetz_school_schedule
from . import qnetz_school_block
from . import qnetz_calendar
from . import event_event_schedule
from . import qnetz_course_session_calendar
from . import event_event_notify
