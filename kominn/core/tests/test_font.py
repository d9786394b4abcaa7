"""Inter, the theme's typeface: loaded from this site when the npm package is installed,
never asked for when it is not."""

from django.template import Context, Template

from kominn.core.templatetags import kominn as tags


def render(nonce="abc123"):
    return Template("{% load kominn %}{% inter_font %}").render(Context({"csp_nonce": nonce}))


def test_without_the_package_no_font_is_asked_for(monkeypatch):
    tags.inter_font_url.cache_clear()
    monkeypatch.setattr(tags.finders, "find", lambda path: None)
    try:
        assert render() == ""
    finally:
        tags.inter_font_url.cache_clear()


def test_with_the_package_the_latin_font_is_preloaded_and_declared_with_the_nonce(monkeypatch):
    tags.inter_font_url.cache_clear()
    monkeypatch.setattr(tags.finders, "find", lambda path: f"/somewhere/{path}")
    try:
        html = render()
    finally:
        tags.inter_font_url.cache_clear()
    url = "/static/vendor/inter/inter-latin-wght-normal.woff2"
    assert f'<link rel="preload" href="{url}" as="font" type="font/woff2" crossorigin>' in html
    assert '<style nonce="abc123">@font-face { font-family: Inter;' in html
    assert f'src: url("{url}") format("woff2")' in html
    assert "font-display: swap" in html and "unicode-range: U+0000-00FF" in html
