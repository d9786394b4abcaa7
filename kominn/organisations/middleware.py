from django.utils.functional import SimpleLazyObject

from .models import Organisation


class OrganisationMiddleware:
    """Sets request.organisation from the request's host, else the default organisation.

    Lazy, so a request that never looks at it (the health check) costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = SimpleLazyObject(
            lambda: Organisation.objects.for_host(request.get_host())
        )
        return self.get_response(request)
