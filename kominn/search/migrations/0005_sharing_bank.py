"""The sharing bank in the index: a document knows whether its initiative is shared.

SQLite: a shared public document's scope also says "bank" and "bank<kind>", so that the
bank's search and related work across organisations rank only the bank's documents
inside the full-text indexes. PostgreSQL: partial GIN indexes over the shared documents'
text and keys. The column is added without a default, so that SQLite adds it in place
rather than remaking the table (which would drop the full-text triggers).
"""

from django.db import migrations, models

BATCH = 2000

POSTGRESQL = [
    """CREATE INDEX search_document_bank_vector ON search_document
        USING gin (search_vector) WHERE shared AND is_public""",
    """CREATE INDEX search_document_bank_related ON search_document
        USING gin (related_vector) WHERE shared AND is_public""",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_bank_related",
    "DROP INDEX IF EXISTS search_document_bank_vector",
]


def database(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def mark_shared(apps, schema_editor):
    """The documents of initiatives in the bank now, as documents.py writes them."""
    Document = apps.get_model("search", "Document")
    Initiative = apps.get_model("portfolio", "Initiative")
    shared = set(
        Initiative.objects.filter(shared=True, is_published=True).values_list("pk", flat=True)
    )
    if not shared:
        return
    documents = Document.objects.filter(is_public=True, kind__in=["initiative", "lesson"])
    batch = []
    for document in documents.only("kind", "object_id", "parent_id", "scope").iterator(
        chunk_size=BATCH
    ):
        initiative_id = document.object_id if document.kind == "initiative" else document.parent_id
        if initiative_id in shared:
            document.shared = True
            document.scope = f"{document.scope} bank bank{document.kind}".strip()
            batch.append(document)
        if len(batch) == BATCH:
            Document.objects.bulk_update(batch, ["shared", "scope"])
            batch = []
    Document.objects.bulk_update(batch, ["shared", "scope"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_bounded"),
        ("portfolio", "0009_initiative_in_sharing_bank"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="shared",
            field=models.BooleanField(editable=False, null=True),
        ),
        migrations.RunPython(
            database({"postgresql": POSTGRESQL}), database({"postgresql": POSTGRESQL_REVERSE})
        ),
        migrations.RunPython(mark_shared, migrations.RunPython.noop),
    ]
