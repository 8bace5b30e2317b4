"""Network readers become portal users (see group_qnetz_network in qnetz_security.xml).

Until 11.0.1.2.0 a network reader was an internal user with the group "Network User",
and so had every right Odoo gives employees. Users who hold that group without being
coordinators are moved to the portal with the reader group; their login and password
stay. Users with other internal groups besides (someone who also works in accounting,
say) are left alone and named in the log, for the administrator to decide.
"""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    staff = env.ref("qnetz_base.group_qnetz_user")
    coordinator = env.ref("qnetz_base.group_qnetz_coordinator")
    employee = env.ref("base.group_user")
    # what the old "Network User" brought along by itself
    implied = (staff | employee | staff.trans_implied_ids | employee.trans_implied_ids)
    readers = staff.with_context(active_test=False).users - coordinator.users
    for user in readers:
        if user.groups_id - implied:
            _logger.warning("Network user %s has other internal groups; left as it is.",
                            user.login)
            continue
        user.write({"groups_id": [(6, 0, [env.ref("base.group_portal").id,
                                          env.ref("qnetz_base.group_qnetz_network").id])]})
        _logger.info("Network user %s is now a portal network reader.", user.login)
