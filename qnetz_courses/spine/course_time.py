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


# Dates as German readers write them, in every language of the network's documents.
DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"


def format_date(value):
    """A date (or a local datetime's day) as 06.12.2026."""
    return value.strftime(DATE_FORMAT)


def format_datetime(value):
    """A local datetime as 06.12.2026 07:00."""
    return value.strftime(DATETIME_FORMAT)


def course_today():
    """Today in the network's time zone (a date string). Deadlines are the network's: a
    caller's time zone (the tz of an RPC context) neither extends nor shortens them."""
    return fields.Date.to_string(datetime.now(COURSE_TZ).date())
