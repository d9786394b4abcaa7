"""Staff roles as permission groups. Created after every migrate, so they always exist."""

from django.utils.translation import gettext_lazy as _

EDITOR = "Redaktør"

# app label -> model names an editor may add, change, delete and view.
EDITOR_MODELS = {
    "portfolio": [
        "initiative", "goalcontribution", "partner", "benefit", "measurement", "lesson",
        "award", "initiativeimage", "attachment", "link", "update", "relation", "goal",
        "newsarticle",
    ],
    "participation": ["challenge"],
}  # fmt: skip
EDITOR_VIEW_ONLY = {
    "organisations": ["servicearea", "theme"],
    "participation": ["idea", "comment", "offer"],
}

ROLE_DESCRIPTIONS = {
    EDITOR: _(
        "Innovation staff: create and edit initiatives, goals and news. May be limited to "
        "some service areas on the user's page."
    ),
}


def ensure_roles(**kwargs):
    from django.contrib.auth.models import Group, Permission

    editor, _created = Group.objects.get_or_create(name=EDITOR)
    codenames = []
    for app_label, models in EDITOR_MODELS.items():
        for model in models:
            codenames += [
                (app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")
            ]
    for app_label, models in EDITOR_VIEW_ONLY.items():
        codenames += [(app_label, f"view_{model}") for model in models]
    permissions = [
        permission
        for permission in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in codenames}
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in codenames
    ]
    editor.permissions.set(permissions)
