"""Shared pieces for the admin."""


class ReadOnlyForSuperusers:
    """A ModelAdmin mixin: the rows are shown to active superusers only, and nobody adds,
    changes or deletes them in the admin."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
