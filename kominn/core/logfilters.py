"""Filters for the log configuration in settings.LOGGING."""

import logging


class WithoutTraceback(logging.Filter):
    """Keeps a record's message and drops its traceback: for expected events, such as a
    request naming a host KomInn does not serve, where a traceback says nothing more."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        return True
