from . import qnetz_district
from . import qnetz_occupation
from . import res_partner
from . import qnetz_need
from . import qnetz_target_profile
