import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet import reading
from intranet.models import PageRead
from intranet.reading import week_of
from tests.factories import (
    DiscussionThreadPageFactory,
    GuidelinePageFactory,
    PublicPostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_opening_a_post_counts_one_read_with_first_and_last_seen(
    staff_client, post, staff
):
    with time_machine.travel(MONDAY, tick=False):
        staff_client.get(post.url)
        staff_client.get(post.url)
    with time_machine.travel(MONDAY + datetime.timedelta(days=2), tick=False):
        staff_client.get(post.url)
    read = PageRead.objects.get()
    assert (read.user, read.page_id) == (staff, post.pk)
    assert read.week == datetime.date(2026, 11, 2)
    assert read.first_seen == MONDAY
    assert read.last_seen == MONDAY + datetime.timedelta(days=2)


def test_a_new_week_starts_a_new_row_and_keeps_the_old(staff_client, post):
    with time_machine.travel(MONDAY, tick=False):
        staff_client.get(post.url)
    with time_machine.travel(MONDAY + datetime.timedelta(days=7), tick=False):
        staff_client.get(post.url)
    assert sorted(PageRead.objects.values_list("week", flat=True)) == [
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 9),
    ]


def test_inside_a_transaction_the_read_takes_a_savepoint_and_later_views_nothing(
    staff_client, post, staff
):
    """Inside a transaction (the suite's here, or a site's ATOMIC_REQUESTS) the
    day's upsert runs in a savepoint, so that its failure could not spoil the
    request's work: three statements. The cache remembers the day, so the views
    after it cost what a page with no counting costs. (Outside a transaction, as
    a server runs, it is one statement: see the test below.)"""
    staff_client.get(post.url)  # warm every other cache
    later = queries_for(staff_client, post.url)
    day = timezone.localdate().isoformat()
    cache.delete(f"read:{staff.pk}:{post.pk}:{day}")
    first = queries_for(staff_client, post.url)
    assert first == later + 3
    assert PageRead.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_read_is_still_one_statement(client):
    """As a server runs (autocommit, no test transaction around the request), the
    day's first view costs one query more than the next, not a transaction's three."""
    from tests.conftest import build_tree
    from tests.factories import BlogPostPageFactory

    tree = build_tree()
    post = BlogPostPageFactory(parent=tree.blog)
    reader = UserFactory()
    client.force_login(reader)
    client.get(post.url)
    later = queries_for(client, post.url)
    cache.delete(f"read:{reader.pk}:{post.pk}:{timezone.localdate().isoformat()}")
    assert queries_for(client, post.url) == later + 1
    cache.delete(f"read:{reader.pk}:{post.pk}:{timezone.localdate().isoformat()}")
    assert queries_for(client, post.url) == later + 1  # the same row, moved on
    assert PageRead.objects.filter(user=reader).count() == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0",
        "curl/8.4.0",
    ],
)
def test_robots_and_link_previews_are_not_counted(staff_client, post, agent):
    assert staff_client.get(post.url, HTTP_USER_AGENT=agent).status_code == 200
    assert not PageRead.objects.exists()


def test_a_browser_is_counted(staff_client, post):
    agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36"
    staff_client.get(post.url, HTTP_USER_AGENT=agent)
    assert PageRead.objects.count() == 1


def test_anonymous_readers_of_a_public_post_are_not_counted(client, tree, staff):
    post = PublicPostFactory(parent=tree.blog, authors=[staff])
    client.get(post.url)
    assert not PageRead.objects.exists()


def test_posting_a_comment_and_answers_other_than_200_are_not_counted(
    staff_client, post
):
    staff_client.post(post.url, {"text": "", "token": "not-a-token"})
    staff_client.head(post.url)
    staff_client.get(post.url + "nothing-here/")
    assert not PageRead.objects.exists()


def test_previews_are_not_counted(rf, tree, post):
    from tests.factories import make_editor

    request = rf.get("/admin/pages/preview/")
    request.user = make_editor(tree)
    response = post.make_preview_request(original_request=request, preview_mode="")
    assert response.status_code == 200
    assert b"Why we are on social media" in response.content
    assert not PageRead.objects.exists()


def test_index_pages_do_not_count(staff_client, tree):
    staff_client.get(tree.blog.url)
    staff_client.get("/")
    assert not PageRead.objects.exists()


def test_threads_and_guidelines_count(staff_client, tree, staff):
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=staff)
    guideline = GuidelinePageFactory(parent=tree.guidelines)
    assert staff_client.get(thread.url).status_code == 200
    assert staff_client.get(guideline.url).status_code == 200
    assert set(PageRead.objects.values_list("page_id", flat=True)) == {
        thread.pk,
        guideline.pk,
    }


def test_a_person_who_turned_counting_off_is_not_counted_and_forgotten(
    staff_client, post, staff
):
    staff_client.get(post.url)
    assert PageRead.objects.count() == 1
    profile = staff.intranet_profile
    response = staff_client.post(
        "/accounts/profile/",
        {
            "display_name": profile.display_name,
            "job_title": profile.job_title,
            "department": profile.department,
            "location": profile.location,
            "bio": "",
            "skills": "",
            # counts_reading left out: the box was unticked
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    staff.intranet_profile.refresh_from_db()
    assert staff.intranet_profile.counts_reading is False
    assert not PageRead.objects.exists()
    cache.clear()
    staff_client.get(post.url)
    assert not PageRead.objects.exists()


def test_prune_deletes_reads_older_than_the_retention_period(post, staff, settings):
    old = PageRead.objects.create(
        user=staff,
        page=post,
        week=datetime.date(2025, 1, 6),
        first_seen=MONDAY - datetime.timedelta(days=400),
        last_seen=MONDAY - datetime.timedelta(days=397),
    )
    recent = PageRead.objects.create(
        user=staff,
        page=post,
        week=datetime.date(2025, 10, 6),
        first_seen=MONDAY - datetime.timedelta(days=395),
        last_seen=MONDAY - datetime.timedelta(days=390),
    )
    with time_machine.travel(MONDAY, tick=False):
        call_command("intranet_prune_reads")
    assert list(PageRead.objects.all()) == [recent]
    assert not PageRead.objects.filter(pk=old.pk).exists()

    settings.INTRANET = {**settings.INTRANET, "READS_RETENTION_DAYS": 30}
    with time_machine.travel(MONDAY, tick=False):
        assert reading.prune_reads() == 1
    assert not PageRead.objects.exists()


def test_a_failing_write_never_breaks_the_page(staff_client, post, monkeypatch):
    from django.db import DatabaseError

    def fail(*args, **kwargs):
        raise DatabaseError("the table is locked")

    monkeypatch.setattr(reading, "upsert_read", fail)
    assert staff_client.get(post.url).status_code == 200
    assert not PageRead.objects.exists()


def test_an_inactive_account_is_not_counted(rf, post):
    person = UserFactory(is_active=False)
    request = rf.get(post.url)
    request.user = person

    class Answer:
        status_code = 200

    assert reading.record_read(post, request, Answer()) is False


def test_a_failing_read_inside_a_transaction_leaves_the_requests_work_alone(
    post, staff
):
    """A site with ATOMIC_REQUESTS: the read fails for real in the database, in a
    savepoint of its own, and what the request wrote before it stays."""
    from django.db import DatabaseError, transaction

    day = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        staff.intranet_profile.job_title = "Written before the read"
        staff.intranet_profile.save()
        broken = PageRead(
            user_id=None,
            page_id=post.pk,
            week=week_of(timezone.now()),
        )
        with pytest.raises(DatabaseError):
            reading.upsert_read(broken, day_started=day)
        assert PageRead.objects.count() == 0  # the transaction still answers
    staff.intranet_profile.refresh_from_db()
    assert staff.intranet_profile.job_title == "Written before the read"


def test_the_database_writes_a_read_once_a_day_even_if_the_cache_forgets(
    staff_client, post, staff
):
    """Workers that do not share a cache each send the day's upsert: the database
    moves the last time seen only once a day."""
    with time_machine.travel(MONDAY, tick=False):
        staff_client.get(post.url)
    with time_machine.travel(MONDAY + datetime.timedelta(hours=3), tick=False):
        cache.clear()
        staff_client.get(post.url)
    assert PageRead.objects.get().last_seen == MONDAY
    with time_machine.travel(MONDAY + datetime.timedelta(days=1), tick=False):
        cache.clear()
        staff_client.get(post.url)
    assert PageRead.objects.get().last_seen == MONDAY + datetime.timedelta(days=1)
