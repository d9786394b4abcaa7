"""The staff roles end up with exactly the permissions each app grants them."""

from django.contrib.auth.models import Group

from kominn.accounts.roles import EDITOR, MODERATOR, ensure_roles


def every_action(app, *models):
    return {
        f"{app}.{action}_{model}"
        for model in models
        for action in ("add", "change", "delete", "view")
    }


EDITOR_PERMISSIONS = (
    every_action(
        "portfolio",
        "initiative",
        "goalcontribution",
        "partner",
        "benefit",
        "measurement",
        "lesson",
        "award",
        "initiativeimage",
        "attachment",
        "link",
        "update",
        "relation",
        "goal",
        "newsarticle",
    )
    | every_action("participation", "challenge")
    | {
        "participation.view_idea",
        "participation.view_comment",
        "participation.view_offer",
        "participation.answer_idea",
    }
    | every_action("newsletter", "newsletterissue")
    | {"newsletter.view_subscription"}
    | {"organisations.view_servicearea", "organisations.view_theme"}
    | every_action("events", "event", "workshop")
    | {"events.view_registration"}
)

MODERATOR_PERMISSIONS = {
    "moderation.moderate",
    "participation.view_idea",
    "participation.view_comment",
}


def permissions_of(role):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_editor_and_moderator_have_exactly_their_permissions(db):
    ensure_roles()
    assert permissions_of(EDITOR) == EDITOR_PERMISSIONS
    assert permissions_of(MODERATOR) == MODERATOR_PERMISSIONS


def test_running_it_again_changes_nothing(db):
    Group.objects.get(name=EDITOR).permissions.clear()
    ensure_roles()
    ensure_roles()
    assert permissions_of(EDITOR) == EDITOR_PERMISSIONS
