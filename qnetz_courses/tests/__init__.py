from . import test_install
from . import test_course
from . import test_attendance
from . import test_bundle
from . import test_billing
from . import test_billing_concurrency
from . import test_security
