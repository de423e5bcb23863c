# The weekly maintenance window (ddd:hh:mm-ddd:hh:mm, UTC, may wrap over the week's end) for aws:executeScript.
import datetime

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _minute_of_week(text):
    day, hh, mm = text.split(":")
    return DAYS.index(day) * 1440 + int(hh) * 60 + int(mm)


def _where(window, now):
    start_text, end_text = window.split("-")
    start, end = _minute_of_week(start_text), _minute_of_week(end_text)
    week = 7 * 1440
    length = (end - start) % week
    monday = (now - datetime.timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    minute = int((now - monday).total_seconds() // 60)
    since_start = (minute - start) % week
    inside = since_start < length
    until_next = (start - minute) % week
    opening = monday + datetime.timedelta(minutes=minute + until_next)
    if until_next == 0 and (now - monday).total_seconds() % 60:
        opening += datetime.timedelta(weeks=1)
    return inside, opening


def where(events, context):
    """Inside the window or not, and when it next opens."""
    now = datetime.datetime.now(datetime.timezone.utc)
    inside, opening = _where(events["Window"], now)
    return {"Inside": inside, "NextOpening": opening.strftime("%Y-%m-%dT%H:%M:%SZ")}


def opening_within(events, context):
    """A change queued for the window: when to start watching (now, inside it), failing if it opens too late."""
    now = datetime.datetime.now(datetime.timezone.utc)
    inside, opening = _where(events["Window"], now)
    if inside:
        return {"Opens": now.strftime("%Y-%m-%dT%H:%M:%SZ")}
    wait = (opening - now).total_seconds()
    if wait > int(events["TimeoutSeconds"]):
        raise Exception("the change is queued for the window %s, which opens at %s: start the automation again"
                        " shortly before then" % (events["Window"], opening.strftime("%Y-%m-%dT%H:%M:%SZ")))
    return {"Opens": opening.strftime("%Y-%m-%dT%H:%M:%SZ")}
