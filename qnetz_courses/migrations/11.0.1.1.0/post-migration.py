"""Network users no longer hold Odoo's event user group (it may change registrations).

Dropping the implication from the group does not take the group away from users who
got it through it, so users who are network users but not coordinators lose it here.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    event_user = env.ref("event.group_event_user")
    network = env.ref("qnetz_base.group_qnetz_user")
    coordinator = env.ref("qnetz_base.group_qnetz_coordinator")
    readers = network.users - coordinator.users - env.ref("event.group_event_manager").users
    if readers:
        event_user.write({"users": [(3, user.id) for user in readers]})
