from kominn.search import text


def test_inflected_forms_share_a_stem():
    assert text.stem("skoler") == text.stem("skole") == text.stem("skolene")
    assert text.stem("ladestasjonene") == text.stem("ladestasjon")


def test_words_leave_out_function_words():
    assert text.words("Solceller på taket og i skolen") == ["solceller", "taket", "skolen"]


def test_highlight_escapes_what_people_wrote():
    matcher = text.Matcher({text.stem("skole")})
    html = text.highlight("<script>alert(1)</script> skolene", matcher)
    assert "<script>" not in html
    assert "<mark>skolene</mark>" in html


def test_snippet_starts_near_the_match():
    body = " ".join(["ord"] * 100) + " solcellepanelet på taket " + " ".join(["ord"] * 100)
    snippet = text.snippet(body, text.Matcher((), {text.stem("solceller")}))
    assert "<mark>solcellepanelet</mark>" in snippet
    assert snippet.startswith("…")


def test_distance_counts_a_swap_as_one_edit():
    assert text.distance("barnehgae", "barnehage", 2) == 1
    assert text.distance("skole", "skolefravær", 2) == 3


def test_markdown_becomes_plain_text():
    assert text.plain("## Tittel\n\nSe [lenken](https://example.no) og **dette**.") == (
        "Tittel Se lenken og dette."
    )
