from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces every app builds on. Nothing here imports a KomInn app."""

    default = True
    name = "kominn.core"
    label = "core"
    verbose_name = _("Audit log")

    def ready(self):
        from . import pagecache
        from .models import AuditEntry, ScheduledJob

        post_migrate.connect(create_cache_table, sender=self)
        pagecache.unseen(AuditEntry, ScheduledJob)


def create_cache_table(using, **kwargs):
    """The database cache's table, made by every `migrate` (it does nothing when the table
    is there, or when the cache is Redis), so the throttles work after a migrate alone."""
    call_command("createcachetable", database=using, verbosity=0)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, on KomInn's site: each organisation's host has its own staff."""

    default = False  # "kominn.core" is CoreConfig; settings name this one in full
    default_site = "kominn.core.admin.AdminSite"
