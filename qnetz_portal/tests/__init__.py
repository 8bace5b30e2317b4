from . import test_install
from . import test_portal_needs
from . import test_portal_apprentices
from . import test_portal_courses
from . import test_portal_provider
from . import test_portal_flow
from . import test_portal_browser
from . import test_portal_access
