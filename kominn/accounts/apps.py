from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kominn.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from kominn.core import pagecache

        from . import roles
        from .models import ExternalIdentity, User

        roles.grant_own()
        # A person's name shows wherever they wrote, in any organisation; blocking,
        # unblocking and deleting hide what they wrote. A log-in changes nothing seen.
        pagecache.watch(User, None, unseen_fields={"last_login", "password"})
        pagecache.unseen(ExternalIdentity)

        # Roles are configuration that must exist in every database, also the test
        # databases flushed between browser tests. Not tied to one sender: the
        # permissions it grants are created by each app's own post_migrate.
        post_migrate.connect(roles.ensure_roles, dispatch_uid="kominn_ensure_roles")
