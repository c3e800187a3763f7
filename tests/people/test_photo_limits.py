"""A profile photo is judged by its header before any pixel is decoded, so one
upload cannot take a worker's time or memory."""

import io
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from intranet.people.forms import ProfileForm
from tests.factories.images import blank_png, padded_png, small_png

pytestmark = pytest.mark.django_db

URL = "/accounts/profile/"
MB = 1024 * 1024


def profile_data(**overrides):
    return {"display_name": "Sam O.", "job_title": "Team lead", **overrides}


def no_nbsp(messages):
    return [message.replace("\xa0", " ") for message in messages]


@pytest.fixture
def never_decoded(monkeypatch):
    """Fails the test if any image's pixels are decoded."""
    decoded = []

    def load(image):
        decoded.append(image.size)
        raise AssertionError(f"decoded a {image.size} image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return decoded


def test_a_12000_pixel_square_png_is_refused_from_its_header_fast_and_small(
    staff, media, never_decoded
):
    upload = SimpleUploadedFile("huge.png", blank_png(12000, 12000), "image/png")
    assert upload.size < MB  # small on disk: the danger is in the pixels
    form = ProfileForm(
        profile_data(), {"photo": upload}, instance=staff.intranet_profile
    )
    tracemalloc.start()
    started = time.perf_counter()
    try:
        valid = form.is_valid()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not valid
    assert elapsed < 1.0
    assert peak < 50 * MB
    assert never_decoded == []
    (message,) = form.errors["photo"]
    assert "12000×12000 pixels" in message
    assert "at most 40 megapixels" in message


def test_a_refused_huge_photo_keeps_what_was_typed(staff_client, staff, media):
    upload = SimpleUploadedFile("huge.png", blank_png(12000, 12000), "image/png")
    response = staff_client.post(
        URL, {**profile_data(job_title="Kept title"), "photo": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This photo is 12000×12000 pixels" in html
    assert 'value="Kept title"' in html
    staff.refresh_from_db()
    assert not staff.intranet_profile.photo
    assert staff.intranet_profile.job_title != "Kept title"


def test_an_oversize_file_is_refused_before_it_is_decoded(
    staff, media, never_decoded, settings
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * MB
    upload = SimpleUploadedFile("big.png", padded_png(11 * MB), "image/png")
    form = ProfileForm(
        profile_data(), {"photo": upload}, instance=staff.intranet_profile
    )
    assert not form.is_valid()
    assert never_decoded == []
    assert no_nbsp(form.errors["photo"]) == [
        "This photo is 11.0 MB; the limit is 10.0 MB."
    ]


def test_the_photo_limits_follow_wagtails_image_settings(staff, media, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    upload = SimpleUploadedFile("me.png", small_png((1200, 900)), "image/png")
    form = ProfileForm(
        profile_data(), {"photo": upload}, instance=staff.intranet_profile
    )
    assert not form.is_valid()
    assert "at most 1 megapixel" in form.errors["photo"][0]


def test_without_wagtails_settings_their_defaults_apply(staff, media, settings):
    del settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    del settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    too_big = SimpleUploadedFile("big.png", padded_png(11 * MB), "image/png")
    form = ProfileForm(
        profile_data(), {"photo": too_big}, instance=staff.intranet_profile
    )
    assert no_nbsp(form.errors["photo"]) == [
        "This photo is 11.0 MB; the limit is 10.0 MB."
    ]


def test_a_decompression_bomb_pillow_warns_about_is_refused(
    staff, media, settings, monkeypatch
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = None  # the host turned the limit off
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    upload = SimpleUploadedFile("bomb.png", blank_png(1200, 1000), "image/png")
    form = ProfileForm(
        profile_data(), {"photo": upload}, instance=staff.intranet_profile
    )
    assert not form.is_valid()
    assert "1200×1000 pixels" in form.errors["photo"][0]


def test_bytes_that_are_not_an_image_are_refused_clearly(staff, media):
    upload = SimpleUploadedFile("me.png", b"GIF89a but really not", "image/png")
    form = ProfileForm(
        profile_data(), {"photo": upload}, instance=staff.intranet_profile
    )
    assert not form.is_valid()
    assert form.errors["photo"] == [
        "This file is not a picture we can read. Choose a JPEG, PNG, GIF or WebP photo."
    ]


def test_a_large_allowed_jpeg_is_stored_small_and_keeps_its_shape(
    staff_client, staff, media
):
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "#123c69").save(buffer, format="JPEG")
    upload = SimpleUploadedFile("me.jpg", buffer.getvalue(), "image/jpeg")
    response = staff_client.post(URL, {**profile_data(), "photo": upload})
    assert response.status_code == 302
    staff.refresh_from_db()
    with Image.open(staff.intranet_profile.photo.path) as stored:
        assert stored.size == (480, 360)
        assert stored.format == "JPEG"


def test_an_allowed_png_is_stored_small(staff_client, staff, media):
    upload = SimpleUploadedFile("me.png", small_png((1200, 900)), "image/png")
    response = staff_client.post(URL, {**profile_data(), "photo": upload})
    assert response.status_code == 302
    staff.refresh_from_db()
    with Image.open(staff.intranet_profile.photo.path) as stored:
        assert stored.size == (480, 360)
        assert stored.format == "PNG"
