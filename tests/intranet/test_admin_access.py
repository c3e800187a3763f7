import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_get_a_403_from_every_admin_page(staff_client, tree, method):
    for url in (
        "/admin/",
        f"/admin/pages/{tree.guidelines.pk}/edit/",
        "/admin/flagged-comments/",
    ):
        response = getattr(staff_client, method)(url, {"title": "Hijacked"})
        assert response.status_code == 403, url
        assert b"You cannot do that here" in response.content
    tree.guidelines.refresh_from_db()
    assert tree.guidelines.title == "Guidelines"


def test_anonymous_visitors_of_the_admin_are_asked_to_sign_in(client, tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_people_with_admin_access_reach_the_admin(client, tree, moderator):
    from django.contrib.auth.models import Permission

    moderator.groups.get().permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200


def test_the_move_confirmation_is_refused_to_admins_who_may_not_move_the_page(
    client, tree, moderator
):
    from django.contrib.auth.models import Permission

    from tests.factories import BlogPostPageFactory

    secret = BlogPostPageFactory(parent=tree.blog, title="Board papers CANARY-MOVE")
    moderator.groups.get().permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(moderator)
    response = client.get(
        f"/admin/pages/{secret.pk}/move/{tree.discussions.pk}/confirm/"
    )
    assert response.status_code in (302, 403)
    assert b"CANARY-MOVE" not in response.content
