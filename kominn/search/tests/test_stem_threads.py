"""Stemming from many threads at once, as gunicorn's threads search side by side."""

from concurrent.futures import ThreadPoolExecutor

import snowballstemmer

from kominn.search import text

WORDS = [f"{base}{ending}" for base in ("skole", "barnehage", "sykkel", "bibliotek", "vei")
         for ending in ("", "r", "ne", "ns", "enes", "ene", "erne", "ers")]  # fmt: skip


def test_words_stemmed_in_parallel_threads_get_their_own_stems():
    expected = {word: snowballstemmer.stemmer("norwegian").stemWord(word) for word in WORDS}

    def stem_all(round_number):
        text.stem.cache_clear()
        return {word: text.stem(word) for word in WORDS * 20}

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(stem_all, range(200)))
    assert all(result == expected for result in results)
