"""Who may see and change which notifications. Views ask here, nowhere else."""


def can_use_notifications(user):
    return user.is_authenticated and user.is_active


def can_open(user, notification):
    """A notification is its recipient's alone."""
    return can_use_notifications(user) and notification.recipient_id == user.pk
