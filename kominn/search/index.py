"""Keeping the search index in step with the content.

`schedule(model, pk)` is called by the receivers in receivers.py on every change; the
documents are remade once the transaction commits, all changes of one transaction
together. `rebuild()` remakes the whole index (manage.py rebuild_search_index).
"""

import threading
from collections import Counter

from django.db import transaction
from django.db.models import F

from kominn.core import pagecache
from kominn.portfolio.models import Initiative

from . import keys, text
from .documents import SOURCES, Context
from .models import Document, Key, Kind, Word

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
    context = Context(keys.Vocabulary())
    documents = []
    for item in loader().filter(pk__in=pks):
        documents += build(item, context)
    kind = KINDS[model.__name__]
    with transaction.atomic():
        old = Document.objects.filter(kind=kind, object_id__in=pks)
        organisations = {document.organisation_id for document in documents}
        organisations.update(old.values_list("organisation_id", flat=True))
        # A document in the sharing bank, before or after, is related work on every
        # organisation's pages ("Hvem har gjort dette før?").
        in_bank = any(document.shared for document in documents) or old.filter(shared=True).exists()
        removed = key_counts(old.filter(is_public=True).values_list("related", flat=True))
        old.delete()
        if model is Initiative:
            Document.objects.filter(kind=Kind.LESSON, parent_id__in=pks).delete()
        Document.objects.bulk_create(documents)
        add_words(documents)
        changes = key_counts(document.related for document in documents if document.is_public)
        changes.subtract(removed)
        count_keys(changes)
    # Searches kept since the content changed found the old documents.
    if in_bank:
        pagecache.bump_every()
    for organisation_id in organisations:
        pagecache.bump(organisation_id)


def add_words(documents) -> None:
    """Add the new words of public documents to the vocabulary (counts are made exact by a
    rebuild; a word seen here for the first time counts once)."""
    counts = word_counts(documents)
    if counts:
        Word.objects.bulk_create(
            [_word(word, count) for word, count in counts.items()], ignore_conflicts=True
        )


def key_counts(related) -> Counter:
    """How many of these documents (their `related` values) have each key."""
    counts = Counter()
    for value in related:
        if value:
            counts.update({keys.ALL, *value.split()})
    return counts


def count_keys(changes) -> None:
    """Change the keys' counts of documents by these amounts (negative: fewer)."""
    new = [Key(key=key) for key, change in changes.items() if change > 0]
    if new:
        Key.objects.bulk_create(new, ignore_conflicts=True)
    by_change = {}
    for key, change in changes.items():
        if change:
            by_change.setdefault(change, []).append(key)
    for change, changed in by_change.items():
        Key.objects.filter(key__in=changed).update(document_count=F("document_count") + change)


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


def _batches(context, progress, done, total):
    """Every object's documents, a batch at a time; tells `progress` after each batch."""
    for loader, build in SOURCES.values():
        batch = []
        for item in loader(counting=context.counting).iterator(chunk_size=BATCH):
            batch += build(item, context)
            done[0] += 1
            if done[0] % BATCH == 0:
                yield batch
                batch = []
                if progress:
                    progress(done[0], total)
        yield batch


def _bulk_create(model, rows):
    for start in range(0, len(rows), BATCH * 5):
        model.objects.bulk_create(rows[start : start + BATCH * 5])


def rebuild(progress=None) -> int:
    """Remake every document, the vocabulary and the keys' counts, in one transaction
    (searches meanwhile see the old index). The words come first, in a pass of their own,
    since related work splits compounds into the words that public content uses.
    `progress(done, total)` is told after each batch of objects. Returns the number of
    documents."""
    total = 2 * source_count()
    done, made = [0], 0
    words, related = Counter(), Counter()
    with transaction.atomic():
        Document.objects.all().delete()
        Word.objects.all().delete()
        Key.objects.all().delete()
        for batch in _batches(Context(), progress, done, total):
            words.update(word_counts(batch))
        vocabulary = [_word(word, count) for word, count in words.items()]
        _bulk_create(Word, vocabulary)
        context = Context(keys.Vocabulary(set(words), {word.stem for word in vocabulary}))
        for batch in _batches(context, progress, done, total):
            Document.objects.bulk_create(batch, batch_size=BATCH)
            related.update(key_counts(doc.related for doc in batch if doc.is_public))
            made += len(batch)
        _bulk_create(Key, [Key(key=key, document_count=count) for key, count in related.items()])
    pagecache.bump_every()
    if progress:
        progress(total, total)
    return made
