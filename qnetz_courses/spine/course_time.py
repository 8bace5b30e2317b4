"""The courses' local time, written once: every course of the network takes place in
Germany, so sessions are planned, shown, printed and sent in Europe/Berlin time, while Odoo
stores naive UTC."""
from datetime import datetime, time

import pytz

from odoo import fields

COURSE_TZ_NAME = "Europe/Berlin"
COURSE_TZ = pytz.timezone(COURSE_TZ_NAME)


def local_to_utc_string(day, hour):
    """`day` at `hour` (float, e.g. 16.5) Berlin time, as a naive UTC datetime string."""
    minutes = int(round(hour * 60))
    local = COURSE_TZ.localize(datetime.combine(day, time(minutes // 60, minutes % 60)))
    return fields.Datetime.to_string(local.astimezone(pytz.utc).replace(tzinfo=None))


def utc_string_to_local(value):
    """A stored (naive UTC) datetime string as an aware Berlin datetime."""
    return pytz.utc.localize(fields.Datetime.from_string(value)).astimezone(COURSE_TZ)
