"""The demo data for tests that need a live server (and so an emptied database after each
test): loaded once per test run, then copied back into the database for every later test.

`load_demo` builds some thousand rows through the models, signals and the search index,
which takes seconds; copying them back takes a fraction of one. The copy is of every table,
search index and content types included, with the same primary keys each time.

On SQLite (an in-memory test database) the copy is SQLite's own backup of the whole
database. On PostgreSQL it is each table's rows through COPY, after which every sequence
continues after the highest key, as a freshly loaded database would.
"""

import sqlite3
from io import StringIO

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshot = {}


def load_demo():
    """The demo data in the test database, as `load_demo` leaves it."""
    if connection.in_atomic_block:
        # A test inside a transaction (the `db` fixture): load it the slow way, since the
        # copy replaces whole tables.
        call_command("load_demo", stdout=StringIO())
        return
    key = (connection.vendor, connection.settings_dict["NAME"])
    if key not in _snapshot:
        call_command("load_demo", stdout=StringIO())
        _snapshot[key] = _take()
    else:
        _restore(_snapshot[key])
    ContentType.objects.clear_cache()


def _take():
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy
    tables = {}
    with connection.cursor() as cursor:
        for table, columns in _postgres_tables(cursor):
            column_list = ", ".join(f'"{name}"' for name in columns)
            data = bytearray()
            with cursor.cursor.copy(f'COPY "{table}" ({column_list}) TO STDOUT') as copy:
                for block in copy:
                    data += block
            tables[table] = (column_list, bytes(data))
    return tables


def _restore(snapshot):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        snapshot.backup(connection.connection)
        return
    # One transaction: the foreign keys are checked at its end, once every table is back.
    with transaction.atomic(), connection.cursor() as cursor:
        names = ", ".join(f'"{table}"' for table in snapshot)
        cursor.execute(f"TRUNCATE {names} CASCADE")
        for table, (column_list, data) in snapshot.items():
            if data:
                with cursor.cursor.copy(f'COPY "{table}" ({column_list}) FROM STDIN') as copy:
                    copy.write(data)
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


def _postgres_tables(cursor):
    """Every table of the schema but Django's record of migrations, with the columns
    COPY can write (not the generated search vectors)."""
    cursor.execute(
        """
        SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position)
        FROM information_schema.columns c
        JOIN information_schema.tables t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema()
          AND t.table_type = 'BASE TABLE'
          AND c.is_generated = 'NEVER'
          AND c.table_name <> 'django_migrations'
        GROUP BY c.table_name
        ORDER BY c.table_name
        """
    )
    return cursor.fetchall()
