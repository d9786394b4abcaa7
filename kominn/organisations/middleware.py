from .models import Organisation


class OrganisationMiddleware:
    """Sets request.organisation from the request's host, else the default organisation.

    None when no organisation exists yet, or none claims the host and none is the default;
    pages then show no content rather than another organisation's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = Organisation.objects.for_host(request.get_host())
        return self.get_response(request)
