"""Leaders in the Wagtail admin: each may add and publish under their own profile
and touch nothing of another leader's."""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState

from intranet.people.models import LeaderProfilePage, LeaderUpdatePage
from tests.factories import UserFactory
from tests.factories.people import LeaderUpdatePageFactory, leader_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def laura(tree):
    return leader_profile(tree)


@pytest.fixture
def mark(tree):
    return leader_profile(tree, username="mark", first_name="Mark", last_name="Lee")


@pytest.fixture
def lauras_update(laura):
    update = LeaderUpdatePageFactory(parent=laura, title="Laura's update")
    update.text = "A second version."
    update.save_revision(user=laura.user)
    return update


def snapshot(page):
    page = Page.objects.get(pk=page.pk).specific
    return (
        page.title,
        page.live,
        page.path,
        page.text,
        page.latest_revision_id,
        Page.objects.count(),
    )


def admin_urls(update, laura, mark):
    revision = update.latest_revision
    first = update.revisions.order_by("pk").first()
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[update.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[update.pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[update.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[update.pk]),
        "move_confirm": reverse(
            "wagtailadmin_pages:move_confirm", args=[update.pk, mark.pk]
        ),
        "copy": reverse("wagtailadmin_pages:copy", args=[update.pk]),
        "revisions_index": reverse(
            "wagtailadmin_pages:revisions_index", args=[update.pk]
        ),
        "revisions_view": reverse(
            "wagtailadmin_pages:revisions_view", args=[update.pk, first.pk]
        ),
        "revisions_compare": reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[update.pk, first.pk, revision.pk],
        ),
        "revisions_revert": reverse(
            "wagtailadmin_pages:revisions_revert", args=[update.pk, first.pk]
        ),
        "history": reverse("wagtailadmin_pages:history", args=[update.pk]),
        "preview_on_edit": reverse(
            "wagtailadmin_pages:preview_on_edit", args=[update.pk]
        ),
        "view_draft": reverse("wagtailadmin_pages:view_draft", args=[update.pk]),
        "lock": reverse("wagtailadmin_pages:lock", args=[update.pk]),
        "privacy": reverse("wagtailadmin_pages:set_privacy", args=[update.pk]),
        "add_subpage_on_profile": reverse(
            "wagtailadmin_pages:add_subpage", args=[laura.pk]
        ),
        "add_update_on_profile": reverse(
            "wagtailadmin_pages:add",
            args=["intranet_people", "leaderupdatepage", laura.pk],
        ),
        "edit_profile": reverse("wagtailadmin_pages:edit", args=[laura.pk]),
        "delete_profile": reverse("wagtailadmin_pages:delete", args=[laura.pk]),
    }


URL_NAMES = [
    "edit",
    "delete",
    "unpublish",
    "move",
    "move_confirm",
    "copy",
    "revisions_index",
    "revisions_view",
    "revisions_compare",
    "revisions_revert",
    "history",
    "preview_on_edit",
    "view_draft",
    "lock",
    "privacy",
    "add_subpage_on_profile",
    "add_update_on_profile",
    "edit_profile",
    "delete_profile",
]


def refused(response, client=None) -> bool:
    """403; Wagtail's redirect to the dashboard with "permission denied"; 405 for a
    GET of an action that takes POST only; or a redirect to a page that refuses."""
    if response.status_code in (403, 405):
        return (
            response.status_code == 403 or response.request["REQUEST_METHOD"] == "GET"
        )
    if response.status_code != 302:
        return False
    if response["Location"] in ("/admin/", reverse("wagtailadmin_home")):
        return True
    # e.g. the revisions index redirects to the history page
    return client is not None and refused(client.get(response["Location"]))


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_leader_cannot_touch_a_leaders_update_in_the_admin(
    client, laura, mark, lauras_update, name, method
):
    url = admin_urls(lauras_update, laura, mark)[name]
    before = snapshot(lauras_update)
    profile_before = snapshot_profile(laura)
    client.force_login(mark.user)
    data = {"title": "Hijacked", "text": "Mark was here", "slug": "hijacked"}
    response = getattr(client, method)(url, data)
    assert refused(response, client), (
        name,
        response.status_code,
        response.get("Location"),
    )
    assert snapshot(lauras_update) == before
    assert snapshot_profile(laura) == profile_before


def snapshot_profile(profile):
    profile = LeaderProfilePage.objects.get(pk=profile.pk)
    return (profile.title, profile.live, profile.user_id, profile.path)


def test_the_leader_reaches_their_own_update_in_the_admin(client, laura, lauras_update):
    client.force_login(laura.user)
    for name in ("edit", "history", "revisions_compare", "add_update_on_profile"):
        url = admin_urls(lauras_update, laura, laura)[name]
        assert client.get(url).status_code == 200, name


def admin_form(client, url):
    """The admin edit form's initial data, as a browser would post it back."""
    from wagtail.test.utils.form_data import nested_form_data

    response = client.get(url)
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or field.disabled:
            continue
        data[name] = value
    return nested_form_data(data)


def test_a_leader_creates_an_update_in_the_admin_as_themselves(client, laura, mark):
    client.force_login(laura.user)
    url = reverse(
        "wagtailadmin_pages:add", args=["intranet_people", "leaderupdatepage", laura.pk]
    )
    response = client.post(
        url,
        {
            "title": "From the admin",
            "slug": "from-the-admin",
            "text": "Written in the editor.",
            "audience": "public",
            "owner": mark.user.pk,
            "leader": mark.user.pk,
            "prepared_with": mark.user.pk,
            "comments_enabled": "on",
            "poll-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    update = LeaderUpdatePage.objects.get(slug="from-the-admin")
    assert update.live
    assert update.owner == laura.user
    assert update.leader == laura.user
    assert update.prepared_with is None
    assert update.audience == "staff"


def test_an_editor_creating_an_update_is_named_as_preparing_it(client, laura):
    editor = UserFactory(username="ed", is_superuser=True, first_name="Ed")
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=["intranet_people", "leaderupdatepage", laura.pk]
    )
    response = client.post(
        url,
        {
            "title": "Drafted by comms",
            "slug": "drafted-by-comms",
            "text": "Comms wrote this.",
            "audience": "staff",
            "comments_enabled": "on",
            "poll-count": "0",
        },
    )
    assert response.status_code == 302
    update = LeaderUpdatePage.objects.get(slug="drafted-by-comms")
    assert update.prepared_with == editor
    assert update.leader == laura.user


def test_a_leader_cannot_make_an_update_public_in_the_admin(
    client, laura, lauras_update
):
    client.force_login(laura.user)
    url = reverse("wagtailadmin_pages:edit", args=[lauras_update.pk])
    response = client.get(url)
    assert response.context["form"].fields["audience"].disabled
    response = client.post(
        url,
        {
            "title": "Still mine",
            "slug": lauras_update.slug,
            "text": "Edited.",
            "audience": "public",
            "comments_enabled": "on",
            "poll-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    lauras_update.refresh_from_db()
    assert lauras_update.title == "Still mine"
    assert lauras_update.audience == "staff"


def test_a_leader_cannot_hand_their_profile_to_someone_else(client, laura, mark):
    client.force_login(laura.user)
    url = reverse("wagtailadmin_pages:edit", args=[laura.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].fields["user"].disabled
    client.post(
        url,
        {
            "title": laura.title,
            "slug": laura.slug,
            "user": mark.user.pk,
            "role": "Chief executive",
            "action-publish": "action-publish",
        },
    )
    laura.refresh_from_db()
    assert laura.user_id != mark.user.pk


def test_each_leader_has_a_group_of_their_own(laura, mark):
    from django.contrib.auth.models import Group

    group = (
        Group.objects.filter(page_permissions__page=laura, name__startswith="Leader:")
        .distinct()
        .get()
    )
    assert list(group.user_set.all()) == [laura.user]
    assert set(
        group.page_permissions.values_list("permission__codename", flat=True)
    ) == {"add_page", "publish_page"}
    assert laura.user.has_perm("wagtailadmin.access_admin")
    assert not mark.user.groups.filter(pk=group.pk).exists()


def test_only_the_leader_can_approve_a_draft_in_the_admin(client, laura, mark):
    delegate = UserFactory(username="dee")
    laura.delegates.set([delegate])
    laura.save()
    client.force_login(delegate)
    client.post(f"{laura.url}post/", {"title": "Draft", "text": "By Dee."})
    draft = LeaderUpdatePage.objects.get()
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[draft.pk, "approve", task_state.pk],
    )
    client.force_login(mark.user)
    response = client.post(url)
    assert refused(response)
    draft.refresh_from_db()
    assert not draft.live
    client.force_login(laura.user)
    response = client.post(url)
    draft.refresh_from_db()
    assert draft.live
    assert draft.prepared_with == delegate


def test_an_editor_sets_a_leaders_display_name_in_the_admin(client, laura):
    from intranet.people.models import Profile

    editor = UserFactory(username="ed", is_superuser=True, first_name="Ed")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[laura.pk])
    data = admin_form(client, url)
    data["display_name"] = "Laura B."
    response = client.post(url, data)
    assert response.status_code == 302
    assert Profile.objects.get(user=laura.user).display_name == "Laura B."


def test_a_leader_cannot_set_their_display_name_in_the_admin(client, laura):
    from intranet.people.models import Profile

    client.force_login(laura.user)
    url = reverse("wagtailadmin_pages:edit", args=[laura.pk])
    assert client.get(url).context["form"].fields["display_name"].disabled
    data = admin_form(client, url)
    data["display_name"] = "Someone Else"
    client.post(url, data)
    assert Profile.objects.get(user=laura.user).display_name == ""
