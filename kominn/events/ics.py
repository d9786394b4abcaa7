"""iCalendar (RFC 5545) for events, written by hand: a handful of properties do not need
a library. Text is escaped (backslash, semicolon, comma, newline), times are in UTC, and
lines are folded at 75 octets without splitting a UTF-8 character."""

from datetime import UTC

from django.utils import timezone

PRODID = "-//KomInn//Arrangementer//NO"


def escape(text) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """The line in pieces of at most 75 octets, each after the first led by a space."""
    pieces = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode())
            current = b""
            limit = 74  # the leading space counts
        current += encoded
    pieces.append(current.decode())
    return "\r\n ".join(pieces)


def utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _vevent(event, *, url, host, now) -> list[str]:
    location = ", ".join(part for part in (event.place, event.video_link) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape(event.title)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines.append(f"URL:{url}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    lines.append("STATUS:CANCELLED" if event.is_cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name, url_for, host, now=None) -> str:
    """A VCALENDAR of `events`; `url_for(event)` gives each one's absolute address."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += _vevent(event, url=url_for(event), host=host, now=now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
