"""Wagtail's own image upload keeps to the same limits as profile photos."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from tests.factories import UserFactory
from tests.factories.images import blank_png, padded_png, small_png

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def admin_client(client, tree):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    return client


def add_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Uploaded", "file": SimpleUploadedFile(name, content, "image/png")},
    )


def test_the_reference_site_sets_its_image_limits_explicitly(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * MB
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000


def test_an_image_within_the_limits_is_stored(admin_client, media):
    response = add_image(admin_client, "fine.png", small_png((800, 600)))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Uploaded").exists()


def test_a_12000_pixel_square_png_is_refused_by_the_image_library(admin_client, media):
    response = add_image(admin_client, "huge.png", blank_png(12000, 12000))
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_oversize_file_is_refused_by_the_image_library(admin_client, media):
    response = add_image(admin_client, "big.png", padded_png(11 * MB))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()
