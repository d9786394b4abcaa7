"""Norwegian-looking text and people for generated data, shared by the benchmarks.

The words are the demo data's own, recombined, with compounds made from its nouns so that
the vocabulary is as large as a whole country's would be. Needs Django set up and the demo
data loaded.
"""

NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", " ": "-"})

_FIRST = (
    "Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne "
    "Randi Ida Nina Maria Elisabeth Kristin Nora Emma Sofie Amira Fatima Jan Per Bjørn Ole "
    "Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje Odd Erik Martin Jonas Ali "
    "Mohammed Yusuf Henrik Magnus Sindre Even Aksel"
)
_LAST = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen "
    "Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl "
    "Jørgensen Halvorsen Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand "
    "Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie "
    "Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård Bakke Kristensen Fredriksen "
    "Holm Lien Hassan Aas Øverby Mæland Bråten"
)
FIRST_NAMES, LAST_NAMES = _FIRST.split(), _LAST.split()
VOLUNTEER_GROUPS = ["Røde Kors", "Frivilligsentral", "Sanitetsforening", "Idrettslag", "Vel"]
BUSINESS_KINDS = ["Bygg AS", "Solenergi AS", "Regnskap AS", "Data AS", "Transport AS"]


class Writer:
    """Norwegian-looking text from the demo's words, with made-up compounds."""

    def __init__(self, texts, chooser):
        from kominn.search import text

        self.chooser = chooser
        words = []
        for piece in texts:
            words += text.WORD.findall(piece.lower())
        self.words = words  # in running order, common words as often as in the demo
        nouns = sorted({word for word in words if len(word) >= 5})
        compounds = {
            a + ("s" if chooser.random() < 0.3 else "") + b
            for a, b in (chooser.sample(nouns, 2) for _ in range(40_000))
        }
        self.rare = sorted(compounds)

    @classmethod
    def from_demo(cls, chooser):
        """A writer that knows the words of the demo's initiatives, ideas and lessons."""
        from kominn.participation.models import Idea
        from kominn.portfolio.models import Initiative, Lesson

        texts = []
        for initiative in Initiative.objects.all():
            texts += [initiative.title, initiative.summary, initiative.need, initiative.what_is_new]
        for idea in Idea.objects.all():
            texts += [idea.title, idea.description]
        texts += [f"{lesson.title}. {lesson.body}" for lesson in Lesson.objects.all()]
        return cls(texts, chooser)

    def sentence(self, length):
        start = self.chooser.randrange(len(self.words) - length)
        words = self.words[start : start + length]
        # A share of each text is rare words: compounds no other text has.
        for position in range(len(words)):
            if self.chooser.random() < 0.08:
                words[position] = self.chooser.choice(self.rare)
        return " ".join(words)

    def title(self):
        return self.sentence(self.chooser.randint(3, 7)).capitalize()[:190]

    def text(self, low, high):
        return (
            ". ".join(
                self.sentence(self.chooser.randint(8, 16))
                for _ in range(self.chooser.randint(low, high))
            )
            + "."
        )

    def paragraphs(self, words):
        """About `words` words of Markdown: capitalised sentences, a paragraph every few."""
        sentences, count = [], 0
        while count < words:
            length = self.chooser.randint(8, 16)
            sentences.append(self.sentence(length).capitalize() + ".")
            count += length
        paragraphs = []
        while sentences:
            size = self.chooser.randint(3, 6)
            paragraphs.append(" ".join(sentences[:size]))
            del sentences[:size]
        return "\n\n".join(paragraphs)


def person_name(chooser):
    return f"{chooser.choice(FIRST_NAMES)} {chooser.choice(LAST_NAMES)}"


def ascii_slug(text):
    """E.g. "Tor Helge Mæland" -> "tor-helge-maeland", for e-mail addresses and host names."""
    return text.lower().translate(NORWEGIAN_LETTERS)
