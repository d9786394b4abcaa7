"""Search ranks a bounded set of candidates (kominn/search/engines.py).

SQLite: a public document's scope also names its facet values ("area12", "theme4",
"phasepractice", "statusreceived"), so that a chosen facet narrows the documents inside
the full-text index before they are ranked; the scope becomes text, as it grows with the
service areas; and an index holds the columns read for each of the best matches.
PostgreSQL: a GIN index on the title's tsvector finds the documents whose title matches,
the best candidates, without reading the others; the scope is not used there but is kept
the same.
"""

from django.db import migrations, models

BATCH = 2000
# The columns the search reads for each of the best matches (facets, visibility), so that
# SQLite reads them from this index rather than from rows that hold the whole text.
SQLITE = [
    """CREATE INDEX search_document_facets ON search_document
        (id, organisation_id, is_public, published_at, kind, phase, status, areas, themes)""",
]
SQLITE_REVERSE = ["DROP INDEX IF EXISTS search_document_facets"]
POSTGRESQL = [
    "ALTER TABLE search_document ALTER COLUMN scope TYPE text",
    """CREATE INDEX search_document_title_vector ON search_document
        USING gin (to_tsvector('norwegian', title))""",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_title_vector",
    "ALTER TABLE search_document ALTER COLUMN scope TYPE varchar(60) USING left(scope, 60)",
]


def _word(name, value):
    return name + "".join(character for character in str(value) if character.isalnum())


def _scope(document):
    # As documents.scope() writes it at the time of this migration.
    if not document.is_public:
        return ""
    organisation_id = document.organisation_id
    words = [f"p{organisation_id}", f"p{organisation_id}{document.kind}"]
    words += [_word("area", area) for area in document.areas.split()]
    words += [_word("theme", theme) for theme in document.themes.split()]
    words += [
        _word(name, value) for name in ("phase", "status") if (value := getattr(document, name))
    ]
    return " ".join(words)


def database(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def rescope(apps, schema_editor):
    Document = apps.get_model("search", "Document")
    public = Document.objects.filter(is_public=True).only(
        "organisation_id", "kind", "areas", "themes", "phase", "status", "is_public", "scope"
    )
    batch = []
    for document in public.iterator(chunk_size=BATCH):
        document.scope = _scope(document)
        batch.append(document)
        if len(batch) == BATCH:
            Document.objects.bulk_update(batch, ["scope"])
            batch = []
    Document.objects.bulk_update(batch, ["scope"])


class Migration(migrations.Migration):
    dependencies = [("search", "0003_related")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="document", name="scope", field=models.TextField(blank=True)
                )
            ],
            database_operations=[
                migrations.RunPython(
                    database({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
                    database({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
                )
            ],
        ),
        migrations.RunPython(rescope, migrations.RunPython.noop),
    ]
