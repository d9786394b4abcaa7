"""Pages, feeds and JSON compressed with gzip when the browser accepts it.

Django's GZipMiddleware, for text only: pictures and other uploads are compressed already,
and compressing them again costs the server time and saves nothing. Static files never
reach it: WhiteNoise answers them, pre-compressed, before this middleware.

Against BREACH (secrets read out of compressed sizes), Django's middleware pads each
compressed answer with a random number of bytes, and the CSRF token in forms is masked
anew for every answer.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml",
                    "application/atom+xml", "image/svg+xml", "application/javascript")  # fmt: skip


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
