"""Norwegian text for the search index: words, stems, plain text, snippets, spelling distance.

Both engines see the same words: SQLite's FTS5 indexes the stems made here, and
PostgreSQL's `norwegian` configuration runs the same Snowball algorithm on the raw text.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"[^\W_]+")

# The common bokmål (and a few nynorsk) function words, as Snowball's Norwegian list has them;
# PostgreSQL's `norwegian` configuration drops the same ones.
_STOPWORDS = """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men
    ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans
    hvor eller hva skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen
    noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor
    dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver
    hvem vors hvis både bare enn fordi før mange også slik vært begge siden dei deira eg ein eit
    ho me mi mine no so um upp vere vore
"""
STOPWORDS = frozenset(_STOPWORDS.split())

# Words too general to say what a text is about: left out when related work is found from
# a text's words (a query still finds them).
_GENERAL_WORDS = """
    alltid allerede andre annen annet bedre beste blant bruk bruke bruker brukt del deler
    dag dager enkel enkelt enkle fast faste finne finnes flere flest fortsatt fra få får
    første gamle gammel gang ganger gir gi gitt gjennom gjort gjør gjøre god gode godt grunn
    hele helt igjen kanskje kommer komme kommune kommunen kommunens kommunale kommunalt lang
    lenge lett lite liten litt mange mer mest mindre mye må måtte ny nye nytt nå ofte rundt
    sammen sier siste sjelden skal små stor store større ta tar tatt tid tiden trenger trengs
    uke uken vanskelig vi viktig vil viser år året årene står ønsker andres ville flere hver
    hverandre ned noen nok også slik svarer tre to én ett fire fem langs hos per under
    egen egne eget fikk fort gjerne måte måter sted steder tid ting tiltak
"""
GENERAL_WORDS = frozenset(_GENERAL_WORDS.split())

# A Snowball stemmer keeps the word it works on in itself, so two threads sharing one
# (gunicorn's threads do) garble each other's words: one stemmer per thread.
_stemmers = threading.local()


@lru_cache(maxsize=300_000)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word: "skoler" and "skolen" both give "skol"."""
    stemmer = getattr(_stemmers, "norwegian", None)
    if stemmer is None:
        stemmer = _stemmers.norwegian = snowballstemmer.stemmer("norwegian")
    return stemmer.stemWord(word)


# Accents that Norwegian writes loosely ("kafé", "kafe"); å and ö keep theirs.
_KEPT_MARKS = {"\u030a", "\u0308"}
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")


@lru_cache(maxsize=300_000)
def concept(word_stem: str) -> str:
    """A stem as related work compares it: accents dropped ("kafé" and "kafeen" meet), and
    what the stemmer leaves of comparatives and agent nouns ("trygger", "innbygger")
    and a doubled last consonant ("hjemm", "ensomm") evened out."""
    folded = unicodedata.normalize(
        "NFC",
        "".join(
            char
            for char in unicodedata.normalize("NFD", word_stem)
            if unicodedata.category(char) != "Mn" or char in _KEPT_MARKS
        ),
    )
    if len(folded) > 5 and folded.endswith("er"):
        folded = folded[:-2]
    if len(folded) >= 4 and folded[-1] == folded[-2] and folded[-1] in _CONSONANTS:
        folded = folded[:-1]
    return folded


def is_general(word: str) -> bool:
    """Whether a word is too general to relate texts by, in any of its forms."""
    return word in GENERAL_WORDS or stem(word) in _GENERAL_STEMS


def words(text: str) -> list[str]:
    """The lower-case words of `text`, stop words left out."""
    return [word for word in WORD.findall(text.lower()) if word not in STOPWORDS]


_GENERAL_STEMS = frozenset(stem(word) for word in GENERAL_WORDS)


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def stemmed(text: str) -> str:
    """`text` as space-separated stems: what SQLite's FTS5 table indexes."""
    return " ".join(stems(text))


_MARKDOWN = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alternative text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the link text
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", re.M), ""),
    (re.compile(r"(\*\*|__|\*|`|~~)"), ""),
    (re.compile(r"\s+"), " "),
]


def plain(markdown: str) -> str:
    """Markdown as plain text for the index and its snippets (not for display as HTML)."""
    text = markdown or ""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text.strip()


class Matcher:
    """Says whether a word of a text matches the query: the same stem, a stem the query
    names as a prefix (compounds: "solcell" for "solcellepanel"), or a word it expanded to."""

    def __init__(self, exact_stems, prefix_stems=()):
        self.exact = set(exact_stems)
        self.prefixes = tuple(prefix_stems)
        # Each word's answer, once: a page of results repeats most of its words.
        self._answers = {}

    def __bool__(self):
        return bool(self.exact or self.prefixes)

    def matches(self, word: str) -> bool:
        answer = self._answers.get(word)
        if answer is None:
            answer = self._answers[word] = self._matches(word)
        return answer

    def _matches(self, word: str) -> bool:
        if word in STOPWORDS:
            return False
        word_stem = stem(word)
        return word_stem in self.exact or word_stem.startswith(self.prefixes or ("\0",))


def highlight(text: str, matcher: Matcher) -> str:
    """`text`, escaped, with the matching words in <mark>."""
    parts, last = [], 0
    for found in WORD.finditer(text):
        if matcher.matches(found.group().lower()):
            parts += [
                escape(text[last : found.start()]),
                "<mark>",
                escape(found.group()),
                "</mark>",
            ]
            last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - every piece is escaped above


def snippet(text: str, matcher: Matcher, *, length: int = 32) -> str:
    """About `length` words of `text` around where most query words are, highlighted."""
    tokens = list(WORD.finditer(text))
    if not tokens:
        return ""
    hits = [matcher.matches(token.group().lower()) for token in tokens] if matcher else []
    start = 0
    if any(hits):
        counts = [0]
        for hit in hits:
            counts.append(counts[-1] + hit)
        # The hit that begins the window with the most hits; start a little before it.
        first = max(
            (index for index, hit in enumerate(hits) if hit),
            key=lambda index: (counts[min(len(hits), index + length)] - counts[index], -index),
        )
        start = max(0, first - 4)
    end = min(len(tokens), start + length)
    begin = 0 if start == 0 else tokens[start].start()
    finish = len(text) if end == len(tokens) else tokens[end - 1].end()
    piece = highlight(text[begin:finish], matcher)
    # nosec B308 B703 below: `piece` is escaped by highlight(), the rest is literal.
    return mark_safe(("… " if begin else "") + piece + (" …" if finish < len(text) else ""))  # noqa: S308  # nosec


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; limit+1 when more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    """How far a near miss may be from the word it meant: none for short words."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 7 else 2
