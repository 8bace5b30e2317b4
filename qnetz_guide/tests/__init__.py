from . import test_install
from . import test_offer
from . import test_guide_http
from . import test_need_form
from . import test_catalogue
from . import test_browser
from . import test_language
from . import test_website
