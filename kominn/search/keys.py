"""What relates one initiative or idea to another: its keys.

A document's keys are the concepts of its text and what it is linked to:

- the stems of its words (as text.concept evens them out), counted three times in a title,
  twice in a summary, once elsewhere; and the known words a compound is made of, so that
  "vannmålere" meets "overvann" and "turstiene" meets "turveien";
- its goals, its challenge, its themes, its service areas (and a unit's area), and the
  initiatives it is linked to: an initiative to itself and those it has a relation with,
  an idea to the initiative it became. Two initiatives that build on the same third one,
  or two ideas that became the same initiative, share a key.

Keys are stored in Document.related, each as often as it counts ("elbil elbil elbil 0g2
0g2"), which both engines' full-text indexes read. Link keys begin with a digit ("0g2":
goal 2), which no word key does.
"""

import math
from collections import Counter
from functools import lru_cache

from django.db.models import Q

from . import text
from .models import Word

# How much a link key weighs against a word that occurs once. A link an editor or author
# made says more about what a text is about than most of its words.
LINK_WEIGHT = math.sqrt(3)
# Links count twice, a unit's service area once.
DIRECT, INDIRECT = 2, 1
KEY_MAX = 60
# Counts every public initiative and idea in the Key table: how many there are.
ALL = ""
# Compounds are split when they are at least this long.
COMPOUND_MIN = 6


def goal(pk):
    return f"0g{pk}"


def challenge(pk):
    return f"0c{pk}"


def theme(pk):
    return f"0t{pk}"


def area(pk):
    return f"0a{pk}"


def initiative(pk):
    return f"0l{pk}"


def is_link(key: str) -> bool:
    return key[:1].isdigit()


def relates(key: str) -> bool:
    """Whether sharing this key alone makes two things related: a word, a goal, a
    challenge or an initiative does; a theme or a service area (which many share) only
    adds to what else they share."""
    return not is_link(key) or key[1] in "gcl"


def weight(key: str) -> float:
    return LINK_WEIGHT if is_link(key) else 1.0


class Vocabulary:
    """The words of public content and their stems, which compounds are split into: sets
    (while the whole index is rebuilt) or the Word table. Remembers each word's split."""

    def __init__(self, words=None, stems=None):
        self.known = None if words is None else set(words) | set(stems)
        self.words = words
        self.splits = {}

    def split(self, compounds) -> dict[str, set[str]]:
        """The keys of the parts() of each of these words, but the general ones."""
        todo = [word for word in compounds if word not in self.splits]
        if todo:
            known, words = (
                (self.known, self.words) if self.known is not None else self._look_up(todo)
            )
            for word in todo:
                self.splits[word] = {
                    text.concept(part)
                    for part in parts(word, known, words)
                    if part != text.stem(word) and not text.is_general(part)
                }
        return {word: self.splits[word] for word in compounds}

    def _look_up(self, compounds):
        candidates = set().union(*(_candidates(word) for word in compounds))
        known, words = set(), set()
        candidates = sorted(candidates)
        for start in range(0, len(candidates), LOOK_UP_BATCH):
            batch = candidates[start : start + LOOK_UP_BATCH]
            rows = Word.objects.filter(Q(word__in=batch) | Q(stem__in=batch))
            for word, word_stem in rows.values_list("word", "stem"):
                words.add(word)
                known |= {word, word_stem}
        return known, words


PIECE_MIN = 3
LOOK_UP_BATCH = 5000
# A compound's words may be joined by a linking s or e ("middag-s-venner", "barn-e-hage").
LINKS = ("s", "e")


def _candidates(word):
    """The pieces that parts() may look up for a word."""
    word_stem = text.stem(word)
    pieces = {
        word[start:end]
        for start in range(len(word))
        for end in range(start + PIECE_MIN, len(word) + 1)
        if end - start < len(word)
    }
    pieces |= {text.stem(word[start:]) for start in range(1, len(word) - PIECE_MIN + 1)}
    pieces |= {word_stem[start:] for start in range(2, len(word_stem) - 3)}
    return pieces


def _piece(piece, known, final=False):
    """The stem of a piece when it is a known word or stem ("sykkel" in
    "sykkelreparasjon"); the last piece may be inflected ("målere" in "vannmålere")."""
    if piece in text.STOPWORDS:
        return None
    if piece in known:
        return text.stem(piece)
    if final and (piece_stem := text.stem(piece)) in known and len(piece_stem) >= PIECE_MIN:
        return piece_stem
    return None


def parts(word, known, words=()) -> list[str]:
    """The known words a compound is made of (`known`: words and stems of public content;
    `words`: the words): the split into the fewest known words, with linking letters
    between them — "sykkel", "reparasjon" and "dag" of "sykkelreparasjonsdag", "vann" and
    "mål" of "vannmålere". When there is none, the longest known word that begins it
    ("reparasjon" of "reparasjonskafé"; of three letters only when it is a whole word)
    and the longest of four letters or more that ends its stem ("sykl" of "elsykler"; the
    stem, so that an ending is not taken for a word: "frivilligsentralen" does not end in
    "alene"). A word that begins with a little word ("innbygger", "avfall") is a word of
    its own: "avfall" has nothing to do with "fall"."""
    # best[i]: the fewest words that make word[:i], as (count, stems).
    best = {0: (0, [])}
    for end in range(PIECE_MIN, len(word) + 1):
        options = []
        for start in range(0, end - PIECE_MIN + 1):
            if end - start == len(word):
                continue
            befores = [before for before in (start, start - 1) if before in best]
            if start - 1 in best and word[start - 1] not in LINKS:
                befores.remove(start - 1)
            if not befores:
                continue
            piece_stem = _piece(word[start:end], known, final=end == len(word))
            if piece_stem is None:
                continue
            for before in befores:
                count, stems = best[before]
                options.append((count + 1, start - before, [*stems, piece_stem]))
        if options:
            count, _links, stems = min(options, key=lambda option: option[:2])
            best[end] = (count, stems)
    if len(word) in best:
        return best[len(word)][1]
    return [part for part in (_head(word, known, words), _tail(word, known)) if part]


def _head(word, known, words):
    for end in range(len(word) - 3, PIECE_MIN - 1, -1):
        head = word[:end]
        if head in known and head not in text.STOPWORDS and (end >= 4 or head in words):
            return text.stem(head)
    return None


def _tail(word, known):
    word_stem = text.stem(word)
    for start in range(2, len(word_stem) - 3):
        tail = word_stem[start:]
        if tail in known and word_stem[:start] not in text.STOPWORDS:
            return text.stem(tail)
    return None


@lru_cache(maxsize=300_000)
def _key(word):
    """A word's key, or None for a word that relates nothing."""
    if len(word) < 3 or word[0].isdigit() or text.is_general(word):
        return None
    return text.concept(text.stem(word))


def words(sources, vocabulary) -> Counter:
    """The word keys of some texts: `sources` is a list of (text, how much it counts)."""
    found = Counter()
    for source, weight in sources:
        for word in text.words(source or ""):
            if _key(word) is not None:
                found[word] += weight
    split = vocabulary.split([word for word in found if len(word) >= COMPOUND_MIN])
    keys = Counter()
    for word, count in found.items():
        keys[_key(word)] += count
        for part in split.get(word, ()):
            keys[part] += count
    return Counter({key: count for key, count in keys.items() if len(key) <= KEY_MAX})


def dump(keys: Counter) -> str:
    return " ".join(" ".join([key] * int(count)) for key, count in sorted(keys.items()) if count)


def load(value: str) -> Counter:
    return Counter(value.split())


def inverse_frequency(frequency, total) -> float:
    # A key no public document has yet (a draft's own words) counts as if one had it.
    return math.log(1 + total / max(frequency, 1))
