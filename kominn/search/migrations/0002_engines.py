"""The full-text indexes, which differ by database.

SQLite: an FTS5 table over the stemmed text that Python writes (kominn/search/text.py),
kept in step by triggers. PostgreSQL: a generated tsvector column with the `norwegian`
configuration and a GIN index, and pg_trgm's trigram indexes for near misses.

Note for later migrations: SQLite remakes a table to alter it, which drops its triggers;
a migration that alters search_document on SQLite must create them again.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        stemmed_title, stemmed_body, content='search_document', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, stemmed_title, stemmed_body)
        VALUES (new.id, new.stemmed_title, new.stemmed_body);
    END""",
    """CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, stemmed_title, stemmed_body)
        VALUES ('delete', old.id, old.stemmed_title, old.stemmed_body);
    END""",
    """CREATE TRIGGER search_document_fts_update AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, stemmed_title, stemmed_body)
        VALUES ('delete', old.id, old.stemmed_title, old.stemmed_body);
        INSERT INTO search_fts(rowid, stemmed_title, stemmed_body)
        VALUES (new.id, new.stemmed_title, new.stemmed_body);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE search_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('norwegian', title), 'A')
        || setweight(to_tsvector('norwegian', body), 'B')) STORED""",
    "CREATE INDEX search_document_vector ON search_document USING gin (search_vector)",
    "CREATE INDEX search_document_title_trgm ON search_document USING gin (title gin_trgm_ops)",
    "CREATE INDEX search_word_word_trgm ON search_word USING gin (word gin_trgm_ops)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_word_word_trgm",
    "DROP INDEX IF EXISTS search_document_title_trgm",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
