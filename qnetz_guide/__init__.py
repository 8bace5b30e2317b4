from . import models
from . import controllers


def uninstall_hook(cr, registry):
    """Without the addon nobody listens to the page cache's triggers: drop them."""
    from .models.website import drop_page_cache_triggers
    drop_page_cache_triggers(cr)
    cr.execute("DROP FUNCTION IF EXISTS qnetz_page_cache_changed()")
