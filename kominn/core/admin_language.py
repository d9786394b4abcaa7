# ruff: noqa: E501  (Django's words, kept whole so they match its catalogue)
"""Django's own words that its bokmål catalogue lacks (Django 6.1), translated in
locale/nb/LC_MESSAGES/django.po, which comes before Django's catalogues (LOCALE_PATHS).

They are named here so that `make messages` keeps them: it keeps only what the code says.
The admin's JavaScript words are in locale/nb/LC_MESSAGES/djangojs.po, which it leaves
alone. tests/test_admin_language.py walks the admin and fails on English left over.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_STRINGS = (
    # The title of an admin page whose form has errors, and the empty choice of a select
    # (in the admin's forms and others made from a model).
    gettext_noop("Error:"),
    gettext_noop("- Select an option -"),
    # Bokmål nouns have gender: "Legg til ny %(model)s" would say "ny tiltak" beside the
    # fields that pick an initiative (see kominn.core.admin.add_label for the rest).
    gettext_noop("Add another %(model)s"),
    # The rows of core's own tables (kominn.core.admin.add_label).
    gettext_noop("Add audit log entry"),
    gettext_noop("Add log entry"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop(", "),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", 1),
    gettext_noop("Run"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Set password"),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Hide counts"),
    gettext_noop("Show counts"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following related items will be deleted:"
    ),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Sidebar"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Pagination %(name)s entries"),
    ngettext_lazy("entry", "entries", 1),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Logout"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("No %s matches the given query."),
    gettext_noop("“%(value)s” is not a valid binary value."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
)
