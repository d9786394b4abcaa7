"""Who may do what with the newsletter. The admin and views ask here, nowhere else.

Anyone may sign up, confirm and unsubscribe with a link. Staff of the organisation with
the editor role (or admins) write issues and send them; an issue is sent once.
"""


def _staff_of(user, organisation):
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and organisation is not None
        and (user.is_superuser or user.organisation_id == organisation.pk)
    )


def can_sign_up(organisation):
    return organisation is not None


def can_write_issue(user, organisation):
    return _staff_of(user, organisation) and user.has_perm("newsletter.add_newsletterissue")


def can_edit_issue(user, issue):
    """Until it is sent: what subscribers got is kept as it was."""
    return (
        not issue.is_sent
        and _staff_of(user, issue.organisation)
        and user.has_perm("newsletter.change_newsletterissue")
    )


def can_delete_issue(user, issue):
    return (
        not issue.is_sent
        and _staff_of(user, issue.organisation)
        and user.has_perm("newsletter.delete_newsletterissue")
    )


def can_send_issue(user, issue):
    return can_edit_issue(user, issue)


def can_view_subscribers(user, organisation):
    return _staff_of(user, organisation) and user.has_perm("newsletter.view_subscription")


def can_delete_subscription(user, subscription):
    """Removing an address (e.g. when its owner asks): admins; editors only read."""
    return _staff_of(user, subscription.organisation) and user.has_perm(
        "newsletter.delete_subscription"
    )
