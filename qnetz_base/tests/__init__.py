from . import test_install
from . import test_partner_roles
from . import test_need
from . import test_target_profile
from . import test_anonymise
from . import test_access
from . import test_rpc
from . import test_browser
