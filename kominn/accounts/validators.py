"""Password rules as OWASP ASVS 5 level 2 sets them, with messages in plain Norwegian.

Django's own validators do the checking; these give the messages KomInn's own words,
translated in our catalogue (Django's bokmål catalogue lacks some of them).
"""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("The password is too short: use at least %(min_length)d characters.") % {
            "min_length": self.min_length
        }

    def get_help_text(self):
        return _(
            "At least %(min_length)d characters. A sentence you remember is a good password."
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is among the most used ones, and easy to guess. Choose another.")

    def get_help_text(self):
        return _("Not one of the most used passwords.")


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("The password is too like your %(verbose_name)s. Choose another.")

    def get_help_text(self):
        return _("Not like your e-mail address or name.")


class NotOnlySpacesValidator:
    """Ten spaces pass the length rule but are no secret at all."""

    def validate(self, password, user=None):
        if not password.strip():
            raise ValidationError(self.get_error_message(), code="password_only_spaces")

    def get_error_message(self):
        return _("The password cannot be only spaces. Choose another.")

    def get_help_text(self):
        return _("Not only spaces.")
