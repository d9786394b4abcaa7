"""The pages with pictures: covers load in a width that fits, nothing moves when they do,
and axe finds nothing wrong, on a wide screen and a phone."""

import pytest

from kominn.participation.models import Idea
from kominn.portfolio.models import Initiative

pytestmark = pytest.mark.browser

# Every <img> from /media/ has loaded, is described, has its size in the markup, and on a
# list only the small file or another width from its srcset is fetched.
IMAGES = """() => [...document.querySelectorAll('img')]
    .filter(img => img.src.includes('/media/'))
    .map(img => ({src: img.currentSrc, alt: img.alt, complete: img.complete,
                  natural: img.naturalWidth, width: img.getAttribute('width'),
                  height: img.getAttribute('height'), srcset: img.srcset}))"""


def pages():
    initiative = Initiative.objects.published().filter(images__isnull=False).first()
    idea = Idea.objects.filter(submitted_at__isnull=False).exclude(image="").first()
    return ["/", "/tiltak/", initiative.get_absolute_url(), "/ideer/", idea.get_absolute_url()]


def check_images(page):
    # Lazy pictures load as they come into view: bring each one there, as scrolling does.
    page.evaluate(
        """async () => {
            for (const img of document.images) {
                img.scrollIntoView();
                await new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_function("() => [...document.images].every(img => img.complete)", timeout=30_000)
    found = page.evaluate(IMAGES)
    assert found, f"no pictures on {page.url}"
    for image in found:
        assert image["alt"], image
        assert image["natural"] > 0, image
        assert image["width"] and image["height"], image
        assert image["srcset"], image
    return found


def test_pages_with_pictures_are_accessible_and_load_them(visitor):
    visitor.visit("/")
    # The KomInn logo and the municipality's name name the link home.
    assert visitor.page.get_by_role("link", name="KomInn Asker kommune").count() == 1
    assert visitor.page.locator(".site-name__logo").evaluate("img => img.naturalWidth") > 0
    for path in pages():
        visitor.visit(path)
        check_images(visitor.page)
        visitor.assert_accessible()


def test_a_phone_fetches_small_pictures_for_lists(phone_visitor):
    phone_visitor.visit("/tiltak/")
    found = check_images(phone_visitor.page)
    # A 320 px screen takes the 480 px file, never the full size.
    assert all(".webp" in image["src"] for image in found), found
    phone_visitor.assert_accessible()
