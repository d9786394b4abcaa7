"""Pages travel compressed when the browser accepts it; pictures as they are."""

import gzip

import pytest


@pytest.mark.django_db
def test_a_page_is_compressed_for_a_browser_that_accepts_gzip(client, asker):
    plain = client.get("/tiltak/")
    packed = client.get("/tiltak/", headers={"accept-encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content).decode().count("<h1") == 1
    assert len(packed.content) < len(plain.content) / 2


def test_pictures_are_sent_as_they_are(rf):
    from django.http import HttpResponse

    from kominn.core.compression import TextGZipMiddleware

    picture = HttpResponse(b"\x89PNG" + b"\x00" * 4000, content_type="image/png")
    request = rf.get("/media/x.png", headers={"accept-encoding": "gzip"})
    answer = TextGZipMiddleware(lambda request: picture)(request)
    assert "Content-Encoding" not in answer
