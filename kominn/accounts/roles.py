"""Staff roles as permission groups. Created after every migrate, so they always exist.

Accounts knows the roles, not what they may do in each app: every app grants its own
permissions to a role in its AppConfig.ready(), e.g.

    roles.grant(roles.EDITOR, "portfolio", roles.every_action("initiative"))

and `ensure_roles` gives each group exactly what was granted to it.
"""

from django.utils.translation import gettext_lazy as _

EDITOR = "Redaktør"
MODERATOR = "Moderator"
ADMINISTRATOR = "Administrator"
# The roles a municipality's administrator may give and take in its own organisation.
GIVEN_BY_ADMINISTRATORS = (EDITOR, MODERATOR)

ROLE_DESCRIPTIONS = {
    EDITOR: _(
        "Innovation staff: create and edit initiatives, goals and news. May be limited to "
        "some service areas on the user's page."
    ),
    MODERATOR: _(
        "Handle reports at /moderering/: hide or restore ideas and comments with a reason, "
        "and block accounts. Give the user staff status and the organisation they work for."
    ),
    ADMINISTRATOR: _(
        "Runs one municipality's KomInn: its staff (staff status and the editor and "
        "moderator roles of people who work for it), its own page texts, contact details "
        "and colours. Never other municipalities' users, never superuser status."
    ),
}

# role -> {(app label, permission codename)}
_granted: dict[str, set] = {EDITOR: set(), MODERATOR: set(), ADMINISTRATOR: set()}


def grant(role: str, app_label: str, codenames) -> None:
    """Give `role` these permissions of the app (codenames such as "view_idea")."""
    _granted[role].update((app_label, codename) for codename in codenames)


def every_action(*models) -> list[str]:
    """The add, change, delete and view permissions of the models (lower-case names)."""
    return [
        f"{action}_{model}" for model in models for action in ("add", "change", "delete", "view")
    ]


def granted(role: str) -> set:
    """(app label, codename) pairs granted to the role."""
    return set(_granted[role])


def grant_own() -> None:
    # Editors see the organisation's service areas and themes (organisations sits below
    # accounts, so accounts grants them).
    grant(EDITOR, "organisations", ["view_servicearea", "view_theme"])
    # Administrators run their municipality: its staff (the user admin holds them to their
    # own organisation's people and to the roles in GIVEN_BY_ADMINISTRATORS), its texts,
    # contact details and colours, service areas and themes.
    grant(ADMINISTRATOR, "accounts", ["add_user", "change_user", "view_user"])
    grant(
        ADMINISTRATOR,
        "organisations",
        [
            "view_organisation",
            "change_organisation",
            "view_hostname",
            "view_pagetextversion",
            *every_action("pagetext", "servicearea", "theme"),
        ],
    )


def ensure_roles(**kwargs):
    from django.contrib.auth.models import Group

    for role, codenames in _granted.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(codenames))


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
