from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for a module's tests and rolled back after them; what
    load_demo printed. Each test that also asks for `db` runs in a savepoint of its own,
    so what one test changes is gone for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", "--address", "127.0.0.1:8000", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
