"""What relates initiatives and ideas: the keys made from their words and links."""

from collections import Counter

from kominn.search import keys, text

WORDS = ["sykkel", "reparasjon", "dag", "vann", "målere", "alene", "middag", "venner", "sykler"]
WORDS += ["fall", "bygger", "tur", "veien", "kafé"]
STEMS = {text.stem(word) for word in WORDS}
VOCABULARY = keys.Vocabulary(set(WORDS), STEMS)


def parts(word):
    return keys.parts(word, set(WORDS) | STEMS, set(WORDS))


def test_a_compound_is_split_into_the_known_words_it_is_made_of():
    assert parts("sykkelreparasjonsdag") == ["sykkel", "reparasjon", "dag"]
    assert parts("vannmålere") == ["vann", text.stem("målere")]
    # A linking s belongs to neither word.
    assert parts("middagsvenner") == ["middag", text.stem("venner")]
    # A word of three letters counts when it stands on its own.
    assert parts("turveien") == ["tur", text.stem("veien")]


def test_a_compound_whose_beginning_is_unknown_gives_its_last_word():
    assert parts("elsykler") == [text.stem("sykler")]


def test_an_ending_or_a_little_word_is_not_taken_for_a_word():
    # "sentralen" ends in the letters of "alene", but its stem does not.
    assert parts("frivilligsentralen") == []
    # "avfall" is a word of its own, not "av" and "fall"; nor is "innbygger" a builder.
    assert parts("avfall") == []
    assert parts("innbyggere") == []


def test_word_keys_count_where_the_words_stand_and_include_compound_parts():
    found = keys.words(
        [("Reparasjonskafé", 3), ("Vi reparerer sykler. Sykkelreparasjonsdag!", 1)],
        VOCABULARY,
    )
    assert found[text.concept(text.stem("reparasjonskafé"))] == 3
    assert found[text.concept("reparasjon")] == 3 + 1  # part of the title's word and the text's
    assert found[text.concept("sykkel")] == 1
    assert found[text.concept(text.stem("sykler"))] == 1
    # Too general to relate anything by.
    assert not any(key.startswith("tiltak") for key in keys.words([("Tiltak", 1)], VOCABULARY))


def test_concepts_even_out_accents_and_the_stemmers_leftovers():
    assert text.concept(text.stem("kafé")) == text.concept(text.stem("kafeen"))
    assert text.concept(text.stem("tryggere")) == text.concept(text.stem("trygg"))
    assert text.concept(text.stem("ensomme")) == text.concept(text.stem("ensomhet"))


def test_keys_are_stored_as_often_as_they_count():
    counted = keys.words([("Elbiler", 3)], keys.Vocabulary(set(), set())) + Counter(
        {keys.goal(7): 2}
    )
    stored = keys.dump(counted)
    assert stored.split().count("0g7") == 2
    assert keys.load(stored) == counted


def test_link_keys_cannot_be_words():
    assert keys.words([("0g7 e6 co2", 1)], keys.Vocabulary(set(), set())) == {"co2": 1}
    assert keys.is_link(keys.goal(7)) and not keys.is_link("co2")
    # A theme or service area in common is no relation on its own; a goal is.
    assert keys.relates(keys.goal(7)) and keys.relates(keys.initiative(3))
    assert not keys.relates(keys.theme(2)) and not keys.relates(keys.area(5))
