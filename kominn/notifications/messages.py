"""The words of notifications, registered by the apps that send them.

Notifications knows no domain. An app that tells people about its events registers, in its
AppConfig.ready(), a `Message` for each message key it stores on its notifications
(`notify(message=...)`): how to say it in the active language, and when what it tells of
may no longer be shown (hidden since, deleted since). The words are made when the list is
shown or the mail is written, so each reader gets them in their own language.

An app may also register work that must run before the daily digest is put together
(`before_digest`), e.g. telling followers about news that has become visible.
"""

from django.db.models import BooleanField, Case, Value, When

_messages = {}
_before_digest = []

# The states a message may compute for each notification, in the same query as the list.
STATES = ("title_withheld", "excerpt_withheld", "withdrawn")


class Message:
    """How one kind of message is worded and when it may no longer be shown.

    The state methods return a boolean expression over the notification's row (use
    `OuterRef("subject_id")`, `OuterRef("target_id")`, `OuterRef("recipient_id")` inside an
    `Exists`), or None when it never applies:

    - `title_withheld`: the thing's title may no longer be shown to this reader;
    - `excerpt_withheld`: what was written may no longer be shown;
    - `withdrawn`: it is no longer mailed in a digest.
    """

    def summary(self, notification) -> str:
        """One sentence saying what happened."""
        return notification.target_title

    def subject(self, notification) -> str:
        """The subject of the mail sent at once."""
        return notification.target_title

    def link(self, notification) -> tuple[str, str] | None:
        """A second thing the notification names, beside where it leads, as (words, path):
        e.g. the initiative an idea became. None when there is none."""
        return None

    def title_withheld(self):
        return None

    def excerpt_withheld(self):
        return None

    def withdrawn(self):
        return None


def register(key: str, message: Message) -> None:
    """Word notifications stored with `message=key` with `message`."""
    _messages[key] = message


def get(key: str) -> Message:
    """The registered message, or one that says only the title (an app since removed)."""
    return _messages.get(key) or Message()


def states() -> dict:
    """Annotations computing each of STATES for a notification, by its message key."""
    annotations = {}
    for state in STATES:
        whens = [
            When(message=key, then=expression)
            for key, message in _messages.items()
            if (expression := getattr(message, state)()) is not None
        ]
        annotations[state] = Case(*whens, default=Value(False), output_field=BooleanField())
    return annotations


def before_digest(function) -> None:
    """Run `function(now=...)` before each run of the daily digests."""
    if function not in _before_digest:
        _before_digest.append(function)


def run_before_digest(*, now) -> None:
    for function in _before_digest:
        function(now=now)
