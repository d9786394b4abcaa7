"""What participation holds about a person: their ideas, comments, supports, follows and
offers of help. Registered with accounts (kominn/accounts/personal_data.py) for the
export and for deleting an account."""

from django.db.models import Count

from kominn.accounts import personal_data
from kominn.accounts.personal_data import when

from .models import Comment, Follow, Idea, Offer, Support


def ideas(user) -> list:
    return [
        {
            "title": idea.title,
            "description": idea.description,
            "status": idea.status,
            "written_as": idea.capacity,
            "place": idea.place_name,
            "challenge": idea.challenge.title if idea.challenge else None,
            "submitted": when(idea.submitted_at),
            "created": when(idea.created_at),
        }
        for idea in Idea.objects.filter(author=user).select_related("challenge")
    ]


def comments(user) -> list:
    return [
        {
            "idea": comment.idea.title,
            "text": comment.body,
            "written": when(comment.created_at),
            "deleted": when(comment.deleted_at),
        }
        for comment in Comment.objects.filter(author=user).select_related("idea")
    ]


def supports(user) -> list:
    return [
        {"idea": support.idea.title, "given": when(support.created_at)}
        for support in Support.objects.filter(user=user).select_related("idea")
    ]


def follows(user) -> list:
    return [
        {
            "following": str(follow.idea or follow.challenge or follow.initiative),
            "since": when(follow.created_at),
        }
        for follow in Follow.objects.filter(user=user).select_related(
            "idea", "challenge", "initiative"
        )
    ]


def offers(user) -> list:
    return [
        {
            "on": str(offer.idea or offer.initiative),
            "message": offer.message,
            "sent": when(offer.created_at),
        }
        for offer in Offer.objects.filter(user=user).select_related("idea", "initiative")
    ]


def erase_comments(user, keep_contributions: bool) -> None:
    """Removing contributions: comments others have replied to stay as "Slettet", so the
    replies keep their context; the rest go, leaving their ideas' comment counts. (Ideas,
    follows and offers go with the account; kept contributions stay under "Slettet
    bruker".)"""
    if keep_contributions:
        return
    mine = Comment.objects.filter(author=user)
    with_replies = list(mine.filter(replies__isnull=False).distinct())
    for comment in with_replies:
        comment.delete_by_author()
    rest = mine.exclude(pk__in=[comment.pk for comment in with_replies])
    _delete_counted(rest, rest.shown(), "comments")


def erase_supports(user, keep_contributions: bool) -> None:
    """Supports go with a deleted account, leaving their ideas' support counts."""
    if not keep_contributions:
        supports = Support.objects.filter(user=user)
        _delete_counted(supports, supports, "supports")


def _delete_counted(rows, counted, counter):
    """Delete the rows, taking those of them that are `counted` off their ideas' counts.
    Locked first, so that a moderator's change to one of them at the same moment is
    counted once."""
    list(rows.select_for_update().values_list("pk", flat=True))
    for row in counted.order_by().values("idea").annotate(n=Count("pk")):
        Idea.objects.filter(pk=row["idea"]).add_to_counts(**{counter: -row["n"]})
    rows.delete()


def register() -> None:
    personal_data.register("ideas", export=ideas)
    personal_data.register("comments", export=comments, erase=erase_comments)
    personal_data.register("supports", export=supports, erase=erase_supports)
    personal_data.register("follows", export=follows)
    personal_data.register("offers_of_help", export=offers)
