from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils.html import escape, strip_tags
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Locale, Page, Site, WorkflowPage

from blog.models import BlogIndexPage, BlogPostPage
from guidelines.models import GuidelinePage, GuidelinesHubPage, TrainingModulePage
from home.models import IntranetHomePage as HomePage
from intranet import audience, languages, setup
from intranet.blog.models import NewsroomPage
from intranet.demo import DEMO_IMAGES, PICTURES
from intranet.guidelines.models import Acknowledgement
from intranet.models import PageRead
from intranet.people.models import LeaderProfilePage

pytestmark = pytest.mark.django_db
Image = get_image_model()
Rendition = Image.get_rendition_model()


@pytest.fixture(autouse=True)
def _own_media(media):
    """The demo's pictures and renditions land in a folder removed after each test."""


def load(**kwargs):
    out = StringIO()
    call_command("intranet_load_demo", stdout=out, **kwargs)
    return out.getvalue()


def test_demo_builds_the_tree_groups_and_users(settings):
    settings.DEBUG = True
    host_groups = {
        group.name: (
            set(group.permissions.all()),
            set(GroupPagePermission.objects.filter(group=group)),
        )
        for group in Group.objects.filter(name__in=["Editors", "Moderators"])
    }
    assert set(host_groups) == {"Editors", "Moderators"}  # Wagtail made them
    output = load()
    home = HomePage.objects.get(locale__language_code="en")
    assert Site.objects.get(root_page=home).hostname == "testserver"
    assert [p.slug for p in home.get_children().live()] == [
        "blog",
        "discussions",
        "guidelines",
        "people",
    ]
    assert set(Group.objects.values_list("name", flat=True)) >= {
        setup.EDITORS,
        setup.LEADERS,
        setup.MODERATORS,
        setup.POLICY_APPROVERS,
    }
    for username in ("admin", "editor", "leader", "moderator", "staff", "satu"):
        assert User.objects.get(username=username).check_password("changeme")
    assert User.objects.get(username="admin").is_superuser
    editor = User.objects.get(username="editor")
    assert editor.groups.filter(name=setup.EDITORS).exists()
    assert editor.has_perm("intranet.edit_intranet")
    assert User.objects.get(username="moderator").has_perm("intranet.moderate")
    assert User.objects.get(username="leader").has_perm("intranet.lead")
    satu = User.objects.get(username="satu")
    assert satu.intranet_profile.language == "fi"
    assert not (satu.is_staff or satu.groups.exists())
    assert "changeme" in output
    assert "satu" in output
    assert "http://testserver/accounts/login/" in output
    # Moderators look after conversations, not pages.
    assert not GroupPagePermission.objects.filter(group__name=setup.MODERATORS).exists()
    # The host's own groups are left as they were, and nobody is put in them.
    for group in Group.objects.filter(name__in=host_groups):
        assert host_groups[group.name] == (
            set(group.permissions.all()),
            set(GroupPagePermission.objects.filter(group=group)),
        )
        assert not group.user_set.exists()


def test_a_second_run_adds_nothing_and_says_so(settings):
    settings.DEBUG = True
    load()
    pages, users = Page.objects.count(), User.objects.count()
    images, renditions = Image.objects.count(), Rendition.objects.count()
    links = (WorkflowPage.objects.count(), GroupPagePermission.objects.count())
    output = load()
    assert "Nothing to add" in output
    assert (Page.objects.count(), User.objects.count()) == (pages, users)
    assert (Image.objects.count(), Rendition.objects.count()) == (images, renditions)
    assert (WorkflowPage.objects.count(), GroupPagePermission.objects.count()) == links


def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        load()
    assert not User.objects.filter(username="staff").exists()
    load(force=True)
    assert User.objects.filter(username="staff").exists()


def test_demo_home_page_serves_staff_with_links_to_the_sections(client, settings):
    settings.DEBUG = True
    load()
    client.force_login(User.objects.get(username="staff"))
    response = client.get("/")
    assert response.status_code == 200
    for section in ("blog", "discussions", "guidelines", "people"):
        assert f'href="/{section}/"' in response.content.decode()


def test_every_demo_picture_is_shipped_at_its_size_and_light_enough():
    """The pictures are committed files: load_demo draws nothing at run time."""
    for name in PICTURES:
        path = DEMO_IMAGES / f"{name}.jpg"
        with PillowImage.open(path) as picture:
            assert picture.format == "JPEG"
            expected = (600, 600) if name.startswith("portrait-") else (1600, 900)
            assert picture.size == expected, name
        assert path.stat().st_size < 200 * 1024, name


def test_demo_puts_pictures_on_posts_leaders_and_some_people(settings):
    settings.DEBUG = True
    load()
    library = Image.objects.filter(collection__name="Demo")
    assert library.count() == len(PICTURES)
    assert all(image.description for image in library)
    public = BlogPostPage.objects.filter(audience="public")
    assert public.exists()
    assert all(post.featured_image_id for post in public)
    tampere = BlogPostPage.objects.get(slug="tampere-team-day")
    assert tampere.featured_image.title == "Tampere: the lake and the forest"
    pictures = [block.value for block in tampere.body if block.block_type == "image"]
    assert len(pictures) == 2
    assert all(p["image"].contextual_alt_text and p["caption"] for p in pictures)
    # What readers see is the live page, and what editors open is the same.
    assert tampere.get_latest_revision_as_object().featured_image_id == (
        tampere.featured_image_id
    )
    assert all(profile.photo_id for profile in LeaderProfilePage.objects.all())
    laura = User.objects.get(username="leader")
    assert (
        laura.intranet_profile.photo.width,
        laura.intranet_profile.photo.height,
    ) == (192, 192)
    assert not User.objects.get(username="admin").intranet_profile.photo


def test_the_first_views_after_loading_the_demo_make_no_renditions(client, settings):
    """load_demo makes every rendition the pages show, so nobody waits for one."""
    settings.DEBUG = True
    load()
    made = Rendition.objects.count()
    assert made > 0
    public = BlogPostPage.objects.filter(audience="public").first()
    response = client.get(public.url)
    assert b'property="og:image"' in response.content
    assert client.get("/newsroom/").status_code == 200
    client.force_login(User.objects.get(username="staff"))
    leader = LeaderProfilePage.objects.get(user__username="leader")
    for url in ("/", "/blog/", "/blog/tampere-team-day/", "/people/", leader.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<img" in response.content, url
    assert Rendition.objects.count() == made


def test_the_demo_leaves_the_hosts_site_and_pages_as_they_were(settings):
    settings.DEBUG = True
    host_site = Site.objects.get(is_default_site=True)  # Wagtail's own, at localhost
    host_pages = set(Page.objects.values_list("pk", "title", "path"))
    load()
    home = HomePage.objects.get(locale__language_code="en")
    host_site.refresh_from_db()
    assert (host_site.hostname, host_site.port) == ("localhost", 80)
    assert host_site.root_page_id != home.pk
    assert host_pages <= set(Page.objects.values_list("pk", "title", "path"))
    assert Site.objects.get(root_page=home).is_default_site is False


def test_the_demo_refuses_an_address_another_site_already_serves(settings):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://localhost"
    with pytest.raises(CommandError, match="already serves other pages"):
        load()


# In Finnish ------------------------------------------------------------------------

# The demo's pages that are also in Finnish, and the fields translated on each.
IN_FINNISH = [
    (HomePage, "intranet", ["intro"]),
    (BlogIndexPage, "blog", ["intro", "search_description"]),
    (GuidelinesHubPage, "guidelines", ["intro", "why", "goals"]),
    (GuidelinePage, "social-media-policy", ["summary", "body"]),
    (GuidelinePage, "our-principles", ["summary", "body"]),
    (GuidelinePage, "starting-on-linkedin", ["summary", "body"]),
    (TrainingModulePage, "ambassador-training", ["summary", "lessons", "questions"]),
    (BlogPostPage, "new-social-media-policy-is-out", ["standfirst", "body"]),
    (BlogPostPage, "what-is-ok-to-share", ["standfirst", "body"]),
    (BlogPostPage, "ambassador-programme-opens", ["standfirst", "body"]),
]


def finnish_versions():
    """(original, its Finnish translation, the translated fields) for each page."""
    finnish = Locale.objects.get(language_code="fi")
    versions = []
    for model, slug, fields in IN_FINNISH:
        original = model.objects.get(locale=Locale.get_default(), slug=slug)
        versions.append((original, original.get_translation(finnish), fields))
    return versions


def text(value) -> str:
    return " ".join(strip_tags(str(value)).split())


def shown(page) -> str:
    """What a reader of ``page`` sees of it: its title, or the home page's welcome
    (its heading greets the reader)."""
    return text(page.intro) if isinstance(page, HomePage) else page.title


def test_the_demo_translates_guidelines_training_and_three_posts_into_finnish(
    settings,
):
    settings.DEBUG = True
    load()
    finnish = Locale.objects.get(language_code="fi")
    for original, translation, fields in finnish_versions():
        slug = original.slug
        assert translation.live and not translation.has_unpublished_changes, slug
        assert translation.alias_of_id is None, slug  # a translation, not a copy
        assert translation.title != original.title, slug
        for name in fields:
            ours, theirs = getattr(translation, name), getattr(original, name)
            assert text(ours) and text(ours) != text(theirs), (slug, name)
        # What readers see is what editors open.
        assert translation.get_latest_revision_as_object().title == translation.title
        # Each is in the Finnish tree, under the translation of its original's parent
        # and at the same slug (the home is a sibling of the English one).
        if not isinstance(original, HomePage):
            assert translation.slug == slug
            parent = translation.get_parent().specific
            assert parent.locale == finnish, slug
            assert parent.translation_key == original.get_parent().translation_key
            assert parent.alias_of_id is None, slug
    # The colleagues read and acknowledged the originals, once.
    translations = Page.objects.filter(locale=finnish)
    assert not PageRead.objects.filter(page__in=translations).exists()
    assert not Acknowledgement.objects.filter(page__in=translations).exists()
    # The intranet's editors may do with the Finnish pages what they may with the
    # English ones (a policy is published through its approval workflow).
    editor = User.objects.get(username="editor")
    for original, translation, _fields in finnish_versions():
        rights = [
            (p.can_edit(), p.can_publish())
            for p in (
                original.permissions_for_user(editor),
                translation.permissions_for_user(editor),
            )
        ]
        assert rights[0] == rights[1], translation.slug
        assert rights[1][0], translation.slug


def test_satu_reads_the_finnish_pages_and_they_reach_nobody_else(client, settings):
    settings.DEBUG = True
    load()
    satu = User.objects.get(username="satu")
    assert languages.language_of(satu) == "fi"
    # She is served the Finnish pages at their addresses; Sam, the English ones.
    staff = User.objects.get(username="staff")
    for original, translation, _fields in finnish_versions():
        for person, version in ((satu, translation), (staff, original)):
            client.force_login(person)
            response = client.get(translation.url)
            assert response.status_code == 200, (person.username, translation.url)
            assert escape(shown(version)).encode() in response.content
    client.logout()
    # A translation is inside the intranet and exactly as visible as its original.
    finnish = Locale.objects.get(language_code="fi")
    for original, translation, _fields in finnish_versions():
        assert audience.in_intranet(translation), translation.slug
        assert getattr(translation, "audience", None) == getattr(
            original, "audience", None
        )
        assert not translation.get_view_restrictions().exists()
    assert not NewsroomPage.public_posts().filter(locale=finnish).exists()
    # Asking for Finnish does not let an anonymous visitor in.
    for _original, translation, _fields in finnish_versions():
        response = client.get(translation.url + "?lang=fi")
        assert response.status_code == 302, translation.url
        assert response["Location"].startswith("/accounts/login/")
        assert escape(shown(translation)).encode() not in response.content


def test_a_demo_loaded_in_one_language_gains_the_finnish_pages_later(settings):
    """A site without Wagtail's localisation gets the demo in English only; once it
    translates its pages, the next run adds the Finnish ones, and only those."""
    settings.DEBUG = True
    settings.WAGTAIL_I18N_ENABLED = False
    load()
    assert not Page.objects.filter(locale__language_code="fi").exists()
    assert "Nothing to add" in load()
    english = Page.objects.count()
    settings.WAGTAIL_I18N_ENABLED = True
    load()
    assert Page.objects.count() == english + len(IN_FINNISH)
    assert len(finnish_versions()) == len(IN_FINNISH)
    assert "Nothing to add" in load()
