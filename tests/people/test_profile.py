import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/profile/"


def png_bytes(size=(1200, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#123c69").save(buffer, format="PNG")
    return buffer.getvalue()


def profile_data(**overrides):
    data = {
        "display_name": "Sam O.",
        "job_title": "Team lead",
        "department": "Customer Service",
        "location": "Tampere",
        "bio": "Hello <b>colleagues</b>",
        "linkedin_url": "https://www.linkedin.com/in/sam",
        "x_url": "",
        "facebook_url": "",
        "website_url": "",
    }
    data.update(overrides)
    return data


def test_profile_url_is_stable():
    assert reverse("intranet:people:profile-edit") == URL


def test_staff_edit_their_own_profile(staff_client, tree, staff):
    response = staff_client.post(URL, profile_data())
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.intranet_profile.display_name == "Sam O."
    assert staff.intranet_profile.job_title == "Team lead"
    assert staff.intranet_profile.name == "Sam O."


def test_extra_fields_in_the_profile_form_are_ignored(staff_client, tree, staff):
    other = UserFactory(username="other")
    staff_client.post(
        URL,
        profile_data(
            is_staff="on", is_superuser="on", groups="1", username="other", id=other.pk
        ),
    )
    staff.refresh_from_db()
    other.refresh_from_db()
    assert not staff.is_staff
    assert not staff.is_superuser
    assert staff.username == "staff"
    assert not staff.groups.exists()
    assert other.intranet_profile.display_name == ""


def test_markup_in_bio_and_name_is_escaped(staff_client, tree, staff):
    staff_client.post(URL, profile_data(display_name='"><script>alert(1)</script>'))
    response = staff_client.get("/")
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_a_photo_is_stored_small(staff_client, tree, staff):
    photo = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    response = staff_client.post(URL, {**profile_data(), "photo": photo})
    assert response.status_code == 302
    staff.refresh_from_db()
    with Image.open(staff.intranet_profile.photo.path) as stored:
        assert max(stored.size) <= 480


def test_an_svg_photo_is_refused_and_the_rest_is_kept(staff_client, tree, staff):
    svg = SimpleUploadedFile(
        "me.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = staff_client.post(
        URL, {**profile_data(job_title="Kept title"), "photo": svg}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "field__error" in text
    assert 'value="Kept title"' in text
    staff.refresh_from_db()
    assert not staff.intranet_profile.photo


def test_a_javascript_link_is_refused(staff_client, tree, staff):
    response = staff_client.post(URL, profile_data(website_url="javascript:alert(1)"))
    assert response.status_code == 200
    assert b"field__error" in response.content
    staff.refresh_from_db()
    assert staff.intranet_profile.website_url == ""


def test_opting_in_as_ambassador_waits_for_every_requirement(staff_client, tree, staff):
    from wagtail import hooks

    def training(user):
        return "Pass the ambassador training first."

    with hooks.register_temporarily("intranet_ambassador_requirements", training):
        response = staff_client.post(
            URL, profile_data(is_ambassador="on", job_title="Kept")
        )
    assert response.status_code == 200
    assert b"Pass the ambassador training first." in response.content
    assert b'value="Kept"' in response.content
    staff.refresh_from_db()
    assert not staff.intranet_profile.is_ambassador


def test_opting_in_as_ambassador_with_no_requirements_works(staff_client, tree, staff):
    staff_client.post(URL, profile_data(is_ambassador="on"))
    staff.refresh_from_db()
    assert staff.intranet_profile.is_ambassador


def test_a_profile_lists_the_persons_posts_the_reader_may_see(staff_client, tree):
    from tests.factories import BlogPostPageFactory

    laura = UserFactory(username="laura", first_name="Laura", last_name="Bennett")
    BlogPostPageFactory(parent=tree.blog, title="Laura's first post", authors=[laura])
    response = staff_client.get("/people/profile/laura/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laura Bennett" in html
    assert "Laura&#x27;s first post" in html


def test_an_unknown_or_inactive_profile_is_a_404(staff_client, tree):
    UserFactory(username="gone", is_active=False)
    assert staff_client.get("/people/profile/gone/").status_code == 404
    assert staff_client.get("/people/profile/nobody/").status_code == 404


def _with_photo(staff):
    staff.intranet_profile.photo = SimpleUploadedFile(
        "me.png", png_bytes((64, 64)), "image/png"
    )
    staff.intranet_profile.save()
    return staff.intranet_profile.photo.name


def test_the_photo_field_shows_the_picture_with_change_and_remove_not_a_path(
    staff_client, tree, staff
):
    stored = _with_photo(staff)
    html = staff_client.get(URL).content.decode()
    assert 'data-testid="current-photo"' in html
    assert 'alt="Your current photo"' in html
    assert ">Change<" in html
    assert 'name="photo-clear"' in html
    assert "Remove" in html
    assert "Currently" not in html
    assert f">{stored}<" not in html
    assert stored.rsplit("/", 1)[0] + "/" not in html.replace(
        staff.intranet_profile.photo.url, ""
    )


def test_without_a_photo_the_field_offers_to_choose_one_and_nothing_to_remove(
    staff_client, tree, staff
):
    html = staff_client.get(URL).content.decode()
    assert "Choose a photo" in html
    assert 'name="photo-clear"' not in html
    assert 'data-testid="current-photo"' not in html


def test_remove_takes_the_photo_away(staff_client, tree, staff):
    _with_photo(staff)
    response = staff_client.post(URL, {**profile_data(), "photo-clear": "on"})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.intranet_profile.photo


def test_remove_with_an_error_elsewhere_keeps_the_typed_fields_and_the_tick(
    staff_client, tree, staff
):
    _with_photo(staff)
    response = staff_client.post(
        URL,
        {
            **profile_data(job_title="Typed title", website_url="javascript:alert(1)"),
            "photo-clear": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Typed title"' in html
    assert 'name="photo-clear" id="photo-clear_id" checked' in html
    staff.refresh_from_db()
    assert staff.intranet_profile.photo
    assert staff.intranet_profile.job_title != "Typed title"


def test_a_new_photo_and_remove_together_ask_to_choose_one(staff_client, tree, staff):
    _with_photo(staff)
    photo = SimpleUploadedFile("new.png", png_bytes(), content_type="image/png")
    response = staff_client.post(
        URL, {**profile_data(job_title="Kept"), "photo": photo, "photo-clear": "on"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a new photo or remove the current one, not both." in html
    assert 'value="Kept"' in html


def test_a_chosen_photo_lost_to_another_error_is_asked_for_again(
    staff_client, tree, staff
):
    photo = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    response = staff_client.post(
        URL, {**profile_data(website_url="javascript:alert(1)"), "photo": photo}
    )
    assert response.status_code == 200
    assert b"Choose your photo again" in response.content
    staff.refresh_from_db()
    assert not staff.intranet_profile.photo
