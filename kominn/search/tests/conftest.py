import pytest


@pytest.fixture
def indexing(django_capture_on_commit_callbacks):
    """Run the index upkeep that waits for the commit, as a request's commit would:
    `with indexing(): make_initiative(...)`."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
