"""Keeping the search index in step with the content.

`schedule(model, pk)` is called by the receivers in receivers.py on every change; the
documents are remade once the transaction commits, all changes of one transaction
together. `rebuild()` remakes the whole index (manage.py rebuild_search_index).
"""

import threading
from collections import Counter

from django.db import transaction

from kominn.portfolio.models import Initiative

from . import text
from .documents import SOURCES, AreaTree
from .models import Document, Kind, Word

KINDS = {
    "Initiative": Kind.INITIATIVE,
    "Goal": Kind.GOAL,
    "NewsArticle": Kind.NEWS,
    "Challenge": Kind.CHALLENGE,
    "Idea": Kind.IDEA,
}
WORD_MAX = Word._meta.get_field("word").max_length
BATCH = 1000

_local = threading.local()


def schedule(model, pk) -> None:
    """Remake the documents of one object (or remove them) when the transaction commits."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = set()
    pending.add((model, pk))
    # A callback per call, not per new object: a transaction that rolled back leaves its
    # objects pending without a callback, and they must not stop the next transaction's
    # change from being indexed. The first flush takes everything; later ones find
    # nothing to do. (Remaking an object that did not change is harmless.)
    # Robust: a failure to index is logged and never undoes or breaks the change itself.
    transaction.on_commit(flush, robust=True)


def flush() -> None:
    pending = getattr(_local, "pending", set())
    _local.pending = set()
    by_model = {}
    for model, pk in pending:
        by_model.setdefault(model, set()).add(pk)
    for model, pks in by_model.items():
        reindex(model, pks)


def reindex(model, pks) -> None:
    """Remake the documents of these objects of one model; remove those of deleted ones."""
    loader, build = SOURCES[model]
    tree = AreaTree()
    documents, found = [], set()
    for item in loader().filter(pk__in=pks):
        found.add(item.pk)
        documents += build(item, tree)
    kind = KINDS[model.__name__]
    with transaction.atomic():
        Document.objects.filter(kind=kind, object_id__in=pks).delete()
        if model is Initiative:
            Document.objects.filter(kind=Kind.LESSON, parent_id__in=pks).delete()
        Document.objects.bulk_create(documents)
        add_words(documents)


def add_words(documents) -> None:
    """Add the new words of public documents to the vocabulary (counts are made exact by a
    rebuild; a word seen here for the first time counts once)."""
    counts = word_counts(documents)
    if counts:
        Word.objects.bulk_create(
            [_word(word, count) for word, count in counts.items()], ignore_conflicts=True
        )


def word_counts(documents) -> Counter:
    counts = Counter()
    for document in documents:
        if document.is_public:
            counts.update(
                word
                for word in set(text.words(f"{document.title} {document.body}"))
                if len(word) <= WORD_MAX
            )
    return counts


def _word(word, count):
    word_stem = text.stem(word)
    return Word(word=word, stem=word_stem, reversed_stem=word_stem[::-1], document_count=count)


def source_count() -> int:
    return sum(loader().count() for loader, _build in SOURCES.values())


def rebuild(progress=None) -> int:
    """Remake every document and the vocabulary, in one transaction (searches meanwhile see
    the old index). `progress(done, total)` is told after each batch of objects. Returns the
    number of documents."""
    total = source_count()
    done = made = 0
    counts = Counter()
    tree = AreaTree()
    with transaction.atomic():
        Document.objects.all().delete()
        Word.objects.all().delete()
        for loader, build in SOURCES.values():
            batch = []
            for item in loader().iterator(chunk_size=BATCH):
                batch += build(item, tree)
                done += 1
                if done % BATCH == 0:
                    made += _save(batch, counts)
                    batch = []
                    if progress:
                        progress(done, total)
            made += _save(batch, counts)
        words = [_word(word, count) for word, count in counts.items()]
        for start in range(0, len(words), BATCH * 5):
            Word.objects.bulk_create(words[start : start + BATCH * 5])
    if progress:
        progress(total, total)
    return made


def _save(documents, counts) -> int:
    Document.objects.bulk_create(documents, batch_size=BATCH)
    counts.update(word_counts(documents))
    return len(documents)
