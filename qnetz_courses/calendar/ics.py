"""iCalendar (RFC 5545) text for course sessions, in Europe/Berlin local time.

Written by hand: the format needed is small, and the VTIMEZONE lets every calendar
program (also those without a time-zone database) place the sessions correctly.
"""

from datetime import datetime, timedelta

import pytz

from ..spine.course_time import COURSE_TZ

BERLIN = COURSE_TZ
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


# Reading ---------------------------------------------------------------------------

def _unfold(text):
    """The logical lines of iCalendar text (a line starting with a blank continues the
    one before)."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    return lines


def _unescape(value):
    # control characters (a NUL ends a PostgreSQL string) are no part of a holiday's name
    value = "".join(char if char >= " " else " " for char in value)
    return value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace(
        "\\;", ";").replace("\\\\", "\\").strip()


def _day(value):
    """The date of a DTSTART/DTEND value (20270322 or 20270322T000000[Z]); a year no
    school calendar has (such as 0001, where the day before does not exist) is unreadable."""
    day = datetime.strptime(value.strip()[:8], "%Y%m%d").date()
    if not 1900 <= day.year <= 2199:
        raise ValueError("a year out of range")
    return day


def all_day_events(data):
    """The events of an iCalendar file as [{summary, start, end}] with dates, `end`
    being the last day (iCalendar's all-day DTEND is the day after). Raises ValueError
    when the bytes are not an iCalendar file or an event has no readable start."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = _unfold(text)
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise ValueError("not an iCalendar file")
    events, current = [], None
    for line in lines:
        name, _sep, value = line.partition(":")
        key = name.split(";")[0].strip().upper()
        if key == "BEGIN" and value.strip().upper() == "VEVENT":
            current = {}
        elif key == "END" and value.strip().upper() == "VEVENT" and current is not None:
            if "start" not in current:
                raise ValueError("an event without a start date")
            start = current["start"]
            end = current.get("end")
            if end is None:
                end = start
            elif current.get("exclusive_end", True):
                end = max(start, end - timedelta(days=1))
            events.append({"summary": current.get("summary") or "", "start": start,
                           "end": end})
            current = None
        elif current is not None and key in ("DTSTART", "DTEND"):
            try:
                day = _day(value)
            except ValueError:
                raise ValueError("an unreadable date: %s" % value.strip()[:40])
            if key == "DTSTART":
                current["start"] = day
            else:
                current["end"] = day
                # an end with a time of day is the last day itself unless at midnight
                time = value.strip()[9:15]
                current["exclusive_end"] = not time or time == "000000"
        elif current is not None and key == "SUMMARY":
            current["summary"] = _unescape(value)
    return events
