"""Who is told what happened in participation, and with which words.

Participation's services call these, inside their own transaction, after the change is
saved:

- `notify_comment(comment=...)`: a comment or reply was written.
- `notify_idea_submitted(idea=...)`: an idea was sent in (tells a challenge's followers).
- `notify_idea_status(idea=..., event=..., actor=...)`: the municipality changed an idea's
  status, answered it, linked it to an initiative, or that initiative changed phase.

And the command `notify_news` (and the daily digest, first) calls:

- `notify_published_news()`: news that has become visible, to the followers of what it is
  about (once per article; a publish date may lie in the future, so this runs often).

Notifications keeps, mails and lists them; the words are the `Message`s below, registered
in ParticipationConfig.ready() and made in the reader's language when shown or mailed.
Nothing is said about hidden or unsent ideas, hidden comments, or what a blocked account
did; once hidden, the list no longer shows the idea's title (except to its author) or the
comment, and the digest leaves them out.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext

from kominn.notifications import messages
from kominn.notifications.models import NotificationKind
from kominn.notifications.services import notify
from kominn.portfolio.models import NewsArticle, Phase

from .models import Comment, Follow, Idea, IdeaEvent, IdeaEventKind, IdeaStatus, Offer

User = get_user_model()

# The message keys stored on participation's notifications.
COMMENT = "participation.comment"
REPLY = "participation.reply"
OFFER = "participation.offer"
CHALLENGE_IDEA = "participation.challenge_idea"
IDEA_EVENT = "participation.idea_event"
NEWS = "participation.news"


def _about_hidden(*, idea=None, comment=None) -> bool:
    if idea is not None and (idea.hidden_at or idea.is_draft or idea.author.blocked_at):
        return True
    return comment is not None and comment.hidden_at is not None


def notify_comment(*, comment) -> list:
    """A comment on an idea tells the idea's author; a reply tells the comment's author.

    Someone whose idea gets a reply to their own comment hears it once, as a reply.
    """
    idea = comment.idea
    if _about_hidden(idea=idea, comment=comment):
        return []
    about = {
        "target": idea,
        "subject": comment,
        "url": comment.get_absolute_url(),
        "params": {"idea": idea.title},
        "excerpt": comment.body,
        "actor": comment.author,
    }
    told = []
    replied_to = comment.parent.author if comment.parent_id else None
    if replied_to is not None:
        told += notify(kind=NotificationKind.REPLY, recipients=[replied_to], message=REPLY, **about)
    if replied_to is None or replied_to.pk != idea.author_id:
        told += notify(
            kind=NotificationKind.COMMENT, recipients=[idea.author], message=COMMENT, **about
        )
    return told


def notify_idea_submitted(*, idea) -> list:
    """A new idea in a challenge tells the challenge's followers."""
    challenge = idea.challenge
    if challenge is None or not challenge.is_published or _about_hidden(idea=idea):
        return []
    return notify(
        kind=NotificationKind.CHALLENGE_IDEA,
        recipients=User.objects.filter(follows__challenge=challenge),
        target=challenge,
        subject=idea,
        message=CHALLENGE_IDEA,
        url=idea.get_absolute_url(),
        params={"challenge": challenge.title, "idea": idea.title},
        actor=idea.author,
    )


# What happens to an idea that its author and followers are told.
TOLD_EVENTS = {
    IdeaEventKind.STATUS,
    IdeaEventKind.ANSWER,
    IdeaEventKind.INITIATIVE,
    IdeaEventKind.PHASE,
}


def notify_idea_status(*, idea, event, actor=None) -> list:
    """Tell the author and the followers what happened to an idea (an IdeaEvent).

    The author hears it as kind *status*: always, at once, by e-mail (it is the answer to
    what they sent in). Followers hear it as kind *news* ("news on something you follow"),
    delivered as each of them chose. Status changes, answers, the link to an initiative and
    that initiative's phase changes are told; being submitted, hidden or restored is not
    (moderation tells the author itself). `actor` defaults to the event's actor.
    """
    if event.kind not in TOLD_EVENTS or _about_hidden(idea=idea):
        return []
    # A draft initiative is not named: its page is not public yet (as on the timeline).
    initiative = event.initiative if event.initiative_id else None
    named = initiative is not None and initiative.is_published
    about = {
        "target": idea,
        "subject": event,
        "message": IDEA_EVENT,
        "url": idea.get_absolute_url(),
        "params": {
            "idea": idea.title,
            "event": event.kind,
            "status": event.status,
            "initiative": str(initiative) if named else "",
            "initiative_url": initiative.get_absolute_url() if named else "",
            "phase": event.phase,
        },
        "excerpt": event.text,
        "actor": actor if actor is not None else event.actor,
    }
    told = notify(kind=NotificationKind.STATUS, recipients=[idea.author], **about)
    followers = User.objects.filter(follows__idea=idea).exclude(pk=idea.author_id)
    told += notify(kind=NotificationKind.NEWS, recipients=followers, **about)
    return told


def notify_published_news(*, now=None) -> int:
    """Tell the followers of initiatives and challenges about news on them that has become
    visible (published, publish date reached) since the last run. Each article is told
    once: it is marked `followers_notified_at`, even when nobody follows. Invented demo news
    is marked without telling anyone. Returns how many articles were told about.
    """
    now = now or timezone.now()
    due = NewsArticle.objects.filter(
        is_published=True, published_at__lte=now, followers_notified_at__isnull=True
    )
    return sum(_notify_news_article(pk, now) for pk in list(due.values_list("pk", flat=True)))


@transaction.atomic
def _notify_news_article(pk, now) -> int:
    # Claiming the article first makes a second, simultaneous run skip it.
    claimed = NewsArticle.objects.filter(pk=pk, followers_notified_at__isnull=True).update(
        followers_notified_at=now
    )
    if not claimed:
        return 0
    article = NewsArticle.objects.select_related("author", "organisation").get(pk=pk)
    if article.is_example:
        return 0
    follows = (
        Follow.objects.filter(
            Q(initiative__in=article.initiatives.all()) | Q(challenge__in=article.challenges.all())
        )
        .select_related("user", "initiative", "challenge")
        .order_by("pk")
    )
    # Someone following two of the things the article is about hears of it once.
    by_item, seen = {}, set()
    for follow in follows:
        if follow.user_id in seen:
            continue
        seen.add(follow.user_id)
        item = follow.initiative or follow.challenge
        by_item.setdefault(item, []).append(follow.user)
    for item, people in by_item.items():
        notify(
            kind=NotificationKind.NEWS,
            recipients=people,
            target=item,
            subject=article,
            message=NEWS,
            url=article.get_absolute_url(),
            params={"item": str(item), "title": article.title},
            excerpt=article.lead,
            actor=article.author,
        )
    return 1


# The words, in the reader's language, and when they may no longer be shown.


def _idea_title(notification):
    """The idea's title; once a moderator hides the idea, only its author still sees it."""
    if notification.title_withheld:
        return gettext("(hidden idea)")
    return notification.params.get("idea", notification.target_title)


def _gone(path=""):
    """Hidden since, taken back to draft, or by an author blocked since."""
    return (
        Q(**{f"{path}hidden_at__isnull": False})
        | Q(**{f"{path}submitted_at__isnull": True})
        | Q(**{f"{path}author__blocked_at__isnull": False})
    )


def _hidden_from_reader(path=""):
    """Hidden, and the reader is not the idea's author."""
    return Q(**{f"{path}hidden_at__isnull": False}) & ~Q(
        **{f"{path}author_id": OuterRef("recipient_id")}
    )


class _CommentMessage(messages.Message):
    def title_withheld(self):
        return Exists(
            Comment.objects.filter(pk=OuterRef("subject_id")).filter(_hidden_from_reader("idea__"))
        )

    def excerpt_withheld(self):
        return Exists(
            Comment.objects.filter(pk=OuterRef("subject_id")).filter(
                Q(hidden_at__isnull=False) | Q(deleted_at__isnull=False)
            )
        )

    def withdrawn(self):
        return Exists(
            Comment.objects.filter(pk=OuterRef("subject_id")).filter(
                Q(hidden_at__isnull=False) | _gone("idea__")
            )
        )


class CommentMessage(_CommentMessage):
    def summary(self, notification):
        return gettext("%(person)s commented on your idea “%(idea)s”") % {
            "person": notification.actor_name,
            "idea": _idea_title(notification),
        }

    def subject(self, notification):
        return gettext("New comment on your idea: %(title)s") % {"title": notification.target_title}


class ReplyMessage(_CommentMessage):
    def summary(self, notification):
        return gettext("%(person)s replied to your comment on “%(idea)s”") % {
            "person": notification.actor_name,
            "idea": _idea_title(notification),
        }

    def subject(self, notification):
        return gettext("New reply to your comment on: %(title)s") % {
            "title": notification.target_title
        }


class OfferMessage(messages.Message):
    """Offers of help made before they became answers to a general need (collaboration's
    notify tells of those now): the notifications already sent still read."""

    def summary(self, notification):
        item = notification.params.get("item", notification.target_title)
        if notification.title_withheld:
            item = gettext("(hidden idea)")
        return gettext("%(person)s wants to help with “%(item)s”") % {
            "person": notification.actor_name,
            "item": item,
        }

    def subject(self, notification):
        return gettext("An offer of help on: %(title)s") % {"title": notification.target_title}

    def title_withheld(self):
        return Exists(
            Offer.objects.filter(pk=OuterRef("subject_id")).filter(_hidden_from_reader("idea__"))
        )

    def withdrawn(self):
        return Exists(Offer.objects.filter(pk=OuterRef("subject_id")).filter(_gone("idea__")))


class ChallengeIdeaMessage(messages.Message):
    def summary(self, notification):
        return gettext("New idea in the challenge “%(challenge)s”: “%(idea)s”") % {
            "challenge": notification.params.get("challenge", notification.target_title),
            "idea": _idea_title(notification),
        }

    def subject(self, notification):
        return gettext("New idea in a challenge you follow: %(title)s") % {
            "title": notification.target_title
        }

    def title_withheld(self):
        return Exists(Idea.objects.filter(pk=OuterRef("subject_id")).filter(_hidden_from_reader()))

    def withdrawn(self):
        return Exists(Idea.objects.filter(pk=OuterRef("subject_id")).filter(_gone()))


class IdeaEventMessage(messages.Message):
    def summary(self, notification):
        what = self._what(notification.params)
        if notification.kind == NotificationKind.STATUS:
            return gettext("Your idea “%(idea)s”: %(what)s") % {
                "idea": _idea_title(notification),
                "what": what,
            }
        return gettext("The idea “%(idea)s” that you follow: %(what)s") % {
            "idea": _idea_title(notification),
            "what": what,
        }

    @staticmethod
    def _what(params):
        kind, status = params.get("event"), params.get("status")
        if not kind:
            return gettext("news from the municipality")
        if kind == IdeaEventKind.STATUS and status:
            label = IdeaStatus(status).label if status in IdeaStatus.values else status
            if status == IdeaStatus.TAKEN_FORWARD and params.get("initiative"):
                return gettext(
                    "the status is now %(status)s: it became the initiative “%(initiative)s”"
                ) % {"status": label, "initiative": params["initiative"]}
            return gettext("the status is now %(status)s") % {"status": label}
        if kind == IdeaEventKind.INITIATIVE and params.get("initiative"):
            return gettext("it became the initiative “%(initiative)s”") % {
                "initiative": params["initiative"]
            }
        if kind == IdeaEventKind.PHASE and (phase := params.get("phase")):
            label = Phase(phase).label if phase in Phase.values else phase
            return gettext("its initiative is now in the phase %(phase)s") % {"phase": label}
        return gettext("a new answer from the municipality")

    def link(self, notification):
        if url := notification.params.get("initiative_url"):
            return (
                gettext("The initiative “%(initiative)s”")
                % {"initiative": notification.params.get("initiative", "")},
                url,
            )
        return None

    def subject(self, notification):
        title = {"title": notification.target_title}
        if notification.kind == NotificationKind.STATUS:
            if notification.params.get("event") in {IdeaEventKind.INITIATIVE, IdeaEventKind.PHASE}:
                return gettext("News on your idea: %(title)s") % title
            return gettext("New answer on your idea: %(title)s") % title
        return gettext("News on an idea you follow: %(title)s") % title

    def title_withheld(self):
        return Exists(
            IdeaEvent.objects.filter(pk=OuterRef("subject_id")).filter(
                _hidden_from_reader("idea__")
            )
        )

    def withdrawn(self):
        return Exists(IdeaEvent.objects.filter(pk=OuterRef("subject_id")).filter(_gone("idea__")))


class NewsMessage(messages.Message):
    def summary(self, notification):
        return gettext("News about “%(item)s”: %(title)s") % {
            "item": notification.params.get("item", notification.target_title),
            "title": notification.params.get("title", ""),
        }

    def subject(self, notification):
        return gettext("News about: %(title)s") % {"title": notification.target_title}


def register() -> None:
    """Word participation's notifications, and tell followers of news before each digest."""
    messages.register(COMMENT, CommentMessage())
    messages.register(REPLY, ReplyMessage())
    messages.register(OFFER, OfferMessage())
    messages.register(CHALLENGE_IDEA, ChallengeIdeaMessage())
    messages.register(IDEA_EVENT, IdeaEventMessage())
    messages.register(NEWS, NewsMessage())
    messages.before_digest(notify_published_news)
