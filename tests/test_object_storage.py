"""Uploaded files in S3-compatible object storage (KOMINN_S3_BUCKET), so that app servers
share nothing on disk: tested against moto's S3 server on the loopback address."""

import io
import re
import socket
import urllib.request

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from conftest import PASSWORD, make_initiative
from kominn import settings as kominn_settings
from kominn.core.storage import S3MediaStorage
from kominn.participation.models import Idea
from kominn.portfolio.models import InitiativeImage

BUCKET = "kominn-media"
REGION = "eu-north-1"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """An empty bucket, and KomInn configured for it as docs/settings.md says."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id="kominn",
        aws_secret_access_key="hemmelig",
    )
    urllib.request.urlopen(urllib.request.Request(f"{s3_endpoint}/moto-api/reset", method="POST"))
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    for name, value in {
        "KOMINN_S3_BUCKET": BUCKET,
        "KOMINN_S3_ENDPOINT_URL": s3_endpoint,
        "KOMINN_S3_REGION": REGION,
        "KOMINN_S3_ACCESS_KEY_ID": "kominn",
        "KOMINN_S3_SECRET_ACCESS_KEY": "hemmelig",
    }.items():
        monkeypatch.setenv(name, value)
    storage, origins = kominn_settings._media_storage()
    assert origins == [s3_endpoint]
    settings.STORAGES = settings.STORAGES | {"default": storage}
    return client


def keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET)
    return {item["Key"] for item in listing.get("Contents", [])}


def local_files():
    return {path for path in (django_settings.VAR_DIR / "media").rglob("*") if path.is_file()}


def png(name="benk.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.status, response.headers, response.read()


def test_an_ideas_image_goes_to_the_bucket_and_is_served_from_it(
    client, asker, citizen, bucket, django_capture_on_commit_callbacks
):
    before = local_files()
    client.force_login(citizen)
    client.post(
        "/ideer/ny/",
        {
            "title": "Flere benker langs Askerelva",
            "description": "Eldre trenger steder å hvile.",
            "capacity": "citizen",
            "website": "",
            "action": "preview",
            "image": png(),
            "image_alt": "En benk ved elva",
        },
    )
    idea = Idea.objects.get()
    assert keys(bucket) == {idea.image.name, idea.thumbnail.name}
    # A draft's image is not handed out to anyone else, not even by a signed address.
    client.logout()
    assert client.get(idea.image.url).status_code == 404

    client.force_login(citizen)
    client.post(f"/ideer/{idea.pk}/send-inn/")
    client.logout()
    page = client.get(idea.get_absolute_url()).content.decode()
    [url] = re.findall(r'<img src="(/media/[^"]+)"', page)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{bucket.meta.endpoint_url}/{BUCKET}/ideas/")
    assert "X-Amz-Signature=" in response["Location"]
    status, headers, body = fetch(response["Location"])
    assert status == 200
    assert Image.open(io.BytesIO(body)).size == (40, 30)
    assert headers["Cache-Control"] == "public, max-age=300"
    # The bucket itself answers no one without a signature.
    with pytest.raises(urllib.request.HTTPError):
        fetch(f"{bucket.meta.endpoint_url}/{BUCKET}/{idea.image.name}")

    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/slett/", {"contributions": "remove", "password": PASSWORD})
    assert keys(bucket) == set()
    assert local_files() == before


def test_an_initiatives_image_goes_to_the_bucket(client, asker, editor, bucket):
    before = local_files()
    initiative = make_initiative(asker, is_published=False)
    image = InitiativeImage.objects.create(initiative=initiative, image=png(), alt_text="Lader")
    assert keys(bucket) == {image.image.name, image.thumbnail.name}
    assert (image.width, image.height) == (40, 30)
    assert client.get(image.image.url).status_code == 404
    client.force_login(editor)
    response = client.get(image.thumbnail.url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    status, headers, _ = fetch(response["Location"])
    assert status == 200 and headers["Cache-Control"] == "private, max-age=300"
    assert local_files() == before


@pytest.mark.parametrize("region", ["eu-north-1", "us-east-1"])
def test_amazons_signed_addresses_are_on_the_origin_the_policy_allows(monkeypatch, region):
    monkeypatch.delenv("KOMINN_S3_ENDPOINT_URL", raising=False)
    for name, value in {
        "KOMINN_S3_BUCKET": BUCKET,
        "KOMINN_S3_REGION": region,
        "KOMINN_S3_ACCESS_KEY_ID": "kominn",
        "KOMINN_S3_SECRET_ACCESS_KEY": "hemmelig",
    }.items():
        monkeypatch.setenv(name, value)
    storage, [origin] = kominn_settings._media_storage()
    signed = S3MediaStorage(**storage["OPTIONS"]).signed_url(
        "ideas/abc.jpg", expire=60, cache_control="private, max-age=30"
    )
    assert signed.startswith(f"{origin}/ideas/abc.jpg?")
