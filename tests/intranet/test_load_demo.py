from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page, Site

from home.models import HomePage
from people.models import User

pytestmark = pytest.mark.django_db


def load(**kwargs):
    out = StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


def test_demo_builds_the_tree_groups_and_users(settings):
    settings.DEBUG = True
    output = load()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert [p.slug for p in home.get_children().live()] == [
        "blog",
        "discussions",
        "guidelines",
        "people",
    ]
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editors",
        "Leaders",
        "Moderators",
    }
    for username in ("admin", "editor", "leader", "moderator", "staff"):
        assert User.objects.get(username=username).check_password("changeme")
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert "changeme" in output
    assert "http://testserver/accounts/login/" in output
    # Moderators look after conversations, not pages.
    assert not GroupPagePermission.objects.filter(group__name="Moderators").exists()


def test_a_second_run_adds_nothing_and_says_so(settings):
    settings.DEBUG = True
    load()
    pages, users = Page.objects.count(), User.objects.count()
    output = load()
    assert "Nothing to add" in output
    assert (Page.objects.count(), User.objects.count()) == (pages, users)


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
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    for section in ("blog", "discussions", "guidelines", "people"):
        assert f'href="/{section}/"' in response.content.decode()
