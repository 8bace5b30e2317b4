"""iCalendar (RFC 5545) text for course sessions, in Europe/Berlin local time.

Written by hand: the format needed is small, and the VTIMEZONE lets every calendar
program (also those without a time-zone database) place the sessions correctly.
"""

from datetime import datetime

import pytz

BERLIN = pytz.timezone("Europe/Berlin")
VTIMEZONE_BERLIN = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text):
    return (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(
        ",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def berlin_stamp(utc_naive):
    """A naive UTC datetime as Berlin local time in iCalendar form."""
    return pytz.utc.localize(utc_naive).astimezone(BERLIN).strftime("%Y%m%dT%H%M%S")


def calendar(name, events):
    """`events`: dicts with uid, start, end (naive UTC datetimes), summary, location,
    description. Returns the calendar as bytes (UTF-8, CRLF line ends)."""
    now = datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             "PRODID:-//Qualifizierungsnetzwerk Hoexter-Holzminden//qnetz//DE",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:%s" % escape(name),
             "X-WR-TIMEZONE:Europe/Berlin"]
    lines += VTIMEZONE_BERLIN
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            "UID:%s" % event["uid"],
            "DTSTAMP:%s" % now,
            "DTSTART;TZID=Europe/Berlin:%s" % berlin_stamp(event["start"]),
            "DTEND;TZID=Europe/Berlin:%s" % berlin_stamp(event["end"]),
            "SUMMARY:%s" % escape(event["summary"]),
        ]
        if event.get("location"):
            lines.append("LOCATION:%s" % escape(event["location"]))
        if event.get("description"):
            lines.append("DESCRIPTION:%s" % escape(event["description"]))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
