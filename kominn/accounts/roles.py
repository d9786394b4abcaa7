"""Staff roles as permission groups. Created after every migrate, so they always exist."""

from django.utils.translation import gettext_lazy as _

EDITOR = "Redaktør"
MODERATOR = "Moderator"

# app label -> model names an editor may add, change, delete and view.
EDITOR_MODELS = {
    "portfolio": [
        "initiative", "goalcontribution", "partner", "benefit", "measurement", "lesson",
        "award", "initiativeimage", "attachment", "link", "update", "relation", "goal",
        "newsarticle",
    ],
    "participation": ["challenge"],
    "newsletter": ["newsletterissue"],
}  # fmt: skip
EDITOR_VIEW_ONLY = {
    "organisations": ["servicearea", "theme"],
    "participation": ["idea", "comment", "offer"],
    # Editors see who subscribes; removing an address is for admins.
    "newsletter": ["subscription"],
}

# Moderators work the report queue at /moderering/; in the admin they may read ideas
# and comments.
MODERATOR_PERMISSIONS = [
    ("moderation", "moderate"),
    ("participation", "view_idea"),
    ("participation", "view_comment"),
]

ROLE_DESCRIPTIONS = {
    EDITOR: _(
        "Innovation staff: create and edit initiatives, goals and news. May be limited to "
        "some service areas on the user's page."
    ),
    MODERATOR: _(
        "Handle reports at /moderering/: hide or restore ideas and comments with a reason, "
        "and block accounts. Give the user staff status and the organisation they work for."
    ),
}


def ensure_roles(**kwargs):
    from django.contrib.auth.models import Group

    editor, _created = Group.objects.get_or_create(name=EDITOR)
    codenames = []
    for app_label, models in EDITOR_MODELS.items():
        for model in models:
            codenames += [
                (app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")
            ]
    for app_label, models in EDITOR_VIEW_ONLY.items():
        codenames += [(app_label, f"view_{model}") for model in models]
    # Answering ideas and moving their status happens on the idea's page, through
    # participation.services.answer_idea, never by editing the idea in the admin.
    codenames.append(("participation", "answer_idea"))
    editor.permissions.set(_permissions(codenames))

    moderator, _created = Group.objects.get_or_create(name=MODERATOR)
    moderator.permissions.set(_permissions(MODERATOR_PERMISSIONS))


def _permissions(codenames):
    """The permissions named by (app label, codename) pairs that exist yet."""
    from django.contrib.auth.models import Permission

    return [
        permission
        for permission in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in codenames}
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in codenames
    ]
