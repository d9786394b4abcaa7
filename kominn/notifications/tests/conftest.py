import pytest


@pytest.fixture(autouse=True)
def _links_in_mail(settings):
    """Mail needs absolute links; the demo organisation has no host name of its own."""
    settings.KOMINN_BASE_URL = "https://kominn.asker.kommune.no"
