"""Uploaded files in S3-compatible object storage (a private bucket), used when
KOMINN_S3_BUCKET is set (see docs/production.md)."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage


class S3MediaStorage(S3Storage):
    """Pages link every file to KomInn's own `/media/` address, whose view checks that the
    person may see what the file belongs to (kominn/core/media.py) and only then redirects
    to a signed address of the object, valid for a few minutes. The bucket stays private."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"

    def signed_url(self, name, *, expire, cache_control, download_name=None):
        """A signed address of the object that expires in `expire` seconds; the storage
        answers it with `cache_control` (and `download_name` as the file's name)."""
        parameters = {"ResponseCacheControl": cache_control}
        if download_name:
            parameters["ResponseContentDisposition"] = content_disposition_header(
                False, download_name
            )
        return super().url(name, parameters=parameters, expire=expire)
