from . import res_partner
from . import qnetz_need
from . import qnetz_attendance
from . import res_users
