# The features of qnetz_courses, lowest first. A feature uses the ones before it and never
# names one after it, not by import, model name or XML id (tests/test_layers.py reads the
# code); a feature above adds to one below by extending its models and views, or through
# a hook (the funded project's targets in the figures: qnetz.report.figures._qnetz_extend).
FEATURES = ("spine", "calendar", "billing", "bundling", "reporting", "funding",
            "workshop", "payment")

from . import spine  # noqa: E402
from . import calendar  # noqa: E402
from . import billing  # noqa: E402
from . import bundling  # noqa: E402
from . import reporting  # noqa: E402
from . import funding  # noqa: E402
from . import workshop  # noqa: E402
from . import payment  # noqa: E402
