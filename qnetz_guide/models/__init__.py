from . import qnetz_offer_target_group
from . import qnetz_offer_topic
from . import qnetz_offer_language
from . import qnetz_offer
from . import res_partner
from . import qnetz_need
from . import event_event
from . import ir_http
