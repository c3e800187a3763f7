"""Renditions are made ahead, when an image is uploaded and when a page that shows
it is published; no page view makes one, and until one is made the page links to
Wagtail's rendition view, which makes it when the browser asks for the picture."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.views.serve import generate_image_url
from wagtail.models import Collection, Site

from intranet import renditions
from intranet.home.models import OrganisationSettings
from tests import factories

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()
SERVED = re.compile(r'src="(/images/[^"]+)"')


def made():
    """Every rendition there is, as (image id, filter spec)."""
    return set(Rendition.objects.values_list("image_id", "filter_spec"))


def body_picture(image, alt="A team on a jetty"):
    return (
        "image",
        {
            "image": {"image": image, "alt_text": alt, "decorative": False},
            "caption": "The team day",
        },
    )


@pytest.fixture
def pictures(media):
    """Five pictures, uploaded without their upload's task having run."""
    return {
        name: factories.ImageFactory(title=name.title())
        for name in ("featured", "body", "portrait", "update", "logo")
    }


@pytest.fixture
def site_with_pictures(tree, staff, pictures):
    """A post with a featured and a body image, a public post, a leader with a
    photo and an update with one, the organisation's logo: built and published
    without running what their publication queues."""
    post = factories.BlogPostPageFactory(
        parent=tree.blog,
        slug="team-day",
        featured_image=pictures["featured"],
        body=[body_picture(pictures["body"])],
    )
    public = factories.PublicPostFactory(
        parent=tree.blog, slug="announced", featured_image=pictures["featured"]
    )
    leader = factories.leader_profile(tree)
    leader.photo = pictures["portrait"]
    leader.save_revision().publish()
    factories.LeaderUpdatePageFactory(
        parent=leader, slug="news", image=pictures["update"]
    )
    OrganisationSettings.objects.create(
        site=Site.objects.get(is_default_site=True), logo=pictures["logo"]
    )
    return {"post": post, "public": public, "leader": leader}


def first_views(client, staff, site):
    """What the first readers of each page see, anonymous and signed in."""
    html = {
        "newsroom": client.get("/newsroom/"),
        "public post": client.get(site["public"].url),
    }
    client.force_login(staff)
    for name, url in (
        ("home", "/"),
        ("blog", "/blog/"),
        ("post", site["post"].url),
        ("people", "/people/"),
        ("leader", site["leader"].url),
    ):
        html[name] = client.get(url)
    for name, response in html.items():
        assert response.status_code == 200, name
    return {name: response.content.decode() for name, response in html.items()}


def test_without_renditions_made_the_first_views_link_to_the_rendition_view(
    client, staff, site_with_pictures
):
    """Nothing made them ahead (the task has not run): the pages still show every
    picture, at the rendition view's address, and make none themselves."""
    assert made() == set()
    pages = first_views(client, staff, site_with_pictures)
    assert made() == set()
    for name, html in pages.items():
        assert SERVED.search(html), name
        assert "/media/images/" not in html, name
    # Each picture at the size and with the alt text of the rendition to be.
    post = pages["post"]
    assert re.search(r'<img alt="" class="brand__logo" height="40" src="/images/', post)
    assert re.search(r'<img alt="A team on a jetty" height="\d+" src="/images/', post)
    assert 'class="leader-card__photo" height="192" src="/images/' in pages["people"]


def test_with_renditions_made_ahead_the_first_views_show_them_and_make_none(
    client, staff, site_with_pictures, pictures, committed
):
    for picture in pictures.values():
        committed(picture.save)  # as an upload saves it
    before = made()
    assert {spec for _image, spec in before} == renditions.ALL
    pages = first_views(client, staff, site_with_pictures)
    assert made() == before
    for name, html in pages.items():
        assert "/media/images/" in html, name
        assert not SERVED.search(html), name


def test_uploading_an_image_in_the_admin_makes_all_its_renditions(
    admin_client, tree, media, django_capture_on_commit_callbacks
):
    upload = factories.ImageFactory.build().file
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Jetty",
                "file": SimpleUploadedFile("jetty.jpg", upload.read()),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get(title="Jetty")
    assert made() == {(image.pk, spec) for spec in renditions.ALL}


def test_replacing_an_images_file_in_the_admin_makes_its_renditions_anew(
    admin_client, tree, media, django_capture_on_commit_callbacks
):
    """Wagtail's form deletes the old renditions after saving: the new ones are
    made once that is done, from the new file."""
    image = factories.ImageFactory(title="Jetty")
    renditions.make([image], renditions.ALL)
    old = set(Rendition.objects.values_list("pk", flat=True))
    new_file = factories.ImageFactory.build(file__width=800, file__height=800).file
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": "Jetty",
                "file": SimpleUploadedFile("square.jpg", new_file.read()),
                "collection": image.collection_id,
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    assert made() == {(image.pk, spec) for spec in renditions.ALL}
    assert not old & set(Rendition.objects.values_list("pk", flat=True))
    assert Rendition.objects.get(filter_spec=renditions.WIDE).width == 800


def test_publishing_a_post_makes_the_renditions_it_and_its_cards_show(
    tree, pictures, committed
):
    post = factories.BlogPostPageFactory(
        parent=tree.blog,
        featured_image=pictures["featured"],
        body=[body_picture(pictures["body"])],
    )
    assert made() == set()
    committed(post.save_revision().publish)
    assert made() == {
        (pictures["featured"].pk, renditions.CARD),
        (pictures["featured"].pk, renditions.WIDE),
        (pictures["featured"].pk, renditions.SHARE),
        (pictures["body"].pk, renditions.WIDE),
    }


def test_publishing_a_leaders_profile_and_update_makes_their_pictures_renditions(
    tree, pictures, committed
):
    leader = factories.leader_profile(tree)
    leader.photo = pictures["portrait"]
    committed(leader.save_revision().publish)
    assert made() == {(pictures["portrait"].pk, renditions.PORTRAIT)}
    committed(
        factories.LeaderUpdatePageFactory,
        parent=leader,
        slug="news",
        image=pictures["update"],
    )
    assert made() == {
        (pictures["portrait"].pk, renditions.PORTRAIT),
        (pictures["update"].pk, renditions.UPDATE_CARD),
        (pictures["update"].pk, renditions.WIDE),
    }


def test_saving_the_organisations_settings_makes_the_logos_rendition(
    tree, pictures, committed
):
    committed(
        OrganisationSettings.objects.create,
        site=Site.objects.get(is_default_site=True),
        logo=pictures["logo"],
    )
    assert made() == {(pictures["logo"].pk, renditions.LOGO)}


def test_saving_an_image_without_a_new_file_or_focal_point_queues_nothing(
    pictures, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        pictures["body"].save(update_fields=["title"])
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        pictures["body"].focal_point_x = 10
        pictures["body"].save(update_fields=["focal_point_x"])
    assert len(callbacks) == 1


def test_the_rendition_views_address_answers_with_the_picture_it_promised(
    client, pictures
):
    """Anyone may fetch it (public posts show it), and it makes the rendition with
    the size the page gave."""
    pending = renditions.ready(pictures["featured"], renditions.SHARE)
    assert isinstance(pending, renditions.Pending)
    response = client.get(pending.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"  # a JPEG
    rendition = Rendition.objects.get()
    assert (rendition.width, rendition.height) == (pending.width, pending.height)
    assert renditions.ready(pictures["featured"], renditions.SHARE) == rendition


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url.replace("/images/", "/images/x", 1),
        lambda url: url.replace(renditions.CARD, "fill-4000x4000"),
        lambda url: url.replace(renditions.CARD, "original"),
    ],
    ids=["signature", "spec", "original"],
)
def test_the_rendition_view_refuses_an_address_it_did_not_sign(
    client, pictures, tamper
):
    url = renditions.ready(pictures["featured"], renditions.CARD).url
    response = client.get(tamper(url))
    assert response.status_code == 403
    assert made() == set()


def test_the_rendition_view_refuses_another_images_id_under_a_signature(
    client, pictures
):
    url = generate_image_url(pictures["featured"], renditions.CARD, "intranet:image")
    other = f"/{pictures['featured'].pk}/"
    response = client.get(url.replace(other, f"/{pictures['body'].pk}/"))
    assert response.status_code == 403
    assert made() == set()


def test_the_rendition_view_answers_404_for_a_deleted_image(client, pictures):
    url = renditions.ready(pictures["featured"], renditions.CARD).url
    pictures["featured"].delete()
    assert client.get(url).status_code == 404
