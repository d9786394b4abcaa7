"""Related work by keys (kominn/search/keys.py), and full-text search narrowed inside the
index.

SQLite: the FTS5 table of the text is made again with a `scope` column first
(a public document's organisation, and kind in it, as words: "p3 p3idea", so that a
search ranks only its organisation's public documents), and a second FTS5 table indexes the scope and the keys
(`related`); each has its own triggers. (Keys in the text's table would make every
document longer to BM25 and change how searches rank.) PostgreSQL: a generated tsvector
of the keys with a GIN index.

Existing documents get their scope here; their keys come with `manage.py
rebuild_search_index` (until then related lists stay empty).
"""

from django.db import migrations, models



def _drop(table, prefix):
    return [
        f"DROP TRIGGER IF EXISTS {prefix}_update",
        f"DROP TRIGGER IF EXISTS {prefix}_delete",
        f"DROP TRIGGER IF EXISTS {prefix}_insert",
        f"DROP TABLE IF EXISTS {table}",
    ]


def _fts(table, prefix, columns):
    """An FTS5 table over columns of search_document, kept in step by triggers."""
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    delete = f"INSERT INTO {table}({table}, rowid, {listed}) VALUES ('delete', old.id, {old})"  # nosec B608 - constant names
    insert = f"INSERT INTO {table}(rowid, {listed}) VALUES (new.id, {new})"  # nosec B608 - constant names
    return [
        f"""CREATE VIRTUAL TABLE {table} USING fts5(
            {listed}, content='search_document', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0')""",
        f"""CREATE TRIGGER {prefix}_insert AFTER INSERT ON search_document BEGIN
            {insert};
        END""",
        f"""CREATE TRIGGER {prefix}_delete AFTER DELETE ON search_document BEGIN
            {delete};
        END""",
        f"""CREATE TRIGGER {prefix}_update AFTER UPDATE ON search_document BEGIN
            {delete};
            {insert};
        END""",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",  # nosec B608 - constant names
    ]


TEXT = ("search_fts", "search_document_fts")
RELATED = ("search_related", "search_document_related")
SQLITE_DROP = _drop(*TEXT) + _drop(*RELATED)


# The scope documents.scope() writes, for the documents there are.
SCOPE = """UPDATE search_document SET scope = CASE WHEN is_public
    THEN 'p' || organisation_id || ' p' || organisation_id || kind ELSE '' END"""

SQLITE = [
    SCOPE,
    *_fts(*TEXT, ["scope", "stemmed_title", "stemmed_body"]),
    *_fts(*RELATED, ["scope", "related"]),
]
SQLITE_REVERSE = _fts(*TEXT, ["stemmed_title", "stemmed_body"])

POSTGRESQL = [
    SCOPE,
    """ALTER TABLE search_document ADD COLUMN related_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', related)) STORED""",
    "CREATE INDEX search_document_related ON search_document USING gin (related_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_related",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS related_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engines")]

    operations = [
        # SQLite may remake the table to add or remove columns, and triggers that name a
        # column it drops stop it: the triggers go first, both ways.
        migrations.RunPython(_run({"sqlite": SQLITE_DROP}), _run({"sqlite": SQLITE_REVERSE})),
        migrations.CreateModel(
            name="Key",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=60, unique=True)),
                ("document_count", models.IntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="document", name="related", field=models.TextField(blank=True)
        ),
        migrations.AddField(
            model_name="document",
            name="scope",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
