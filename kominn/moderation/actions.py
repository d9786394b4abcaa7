"""The moderation actions as the audit log names them."""

from django.utils.translation import gettext_lazy as _

HIDE = "hide"
AUTO_HIDE = "auto_hide"
RESTORE = "restore"
DISMISS = "dismiss"
BLOCK = "block"
UNBLOCK = "unblock"

LABELS = {
    HIDE: _("Hid content"),
    AUTO_HIDE: _("Hid content after many reports"),
    RESTORE: _("Restored content"),
    DISMISS: _("Dismissed reports"),
    BLOCK: _("Blocked an account"),
    UNBLOCK: _("Unblocked an account"),
}
