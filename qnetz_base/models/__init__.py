from . import qnetz_district
from . import qnetz_occupation
from . import res_partner
from . import qnetz_need
from . import qnetz_need_intake
from . import qnetz_target_profile
from . import mail_message
from . import res_authentication_attempt
