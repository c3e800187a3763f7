from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import BlogPostPage
from intranet.discussions.models import DiscussionThreadPage
from intranet.social.models import Comment

pytestmark = pytest.mark.django_db


def test_bench_data_builds_posts_with_threads(tree, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("intranet_bench_data", posts=2, comments=30, people=6, stdout=out)
    assert BlogPostPage.objects.count() == 2
    for post in BlogPostPage.objects.all():
        thread = Comment.objects.for_page(post)
        assert thread.count() == 30
        assert thread.filter(level=0).exists()
        assert thread.filter(level__gte=1).exists()
        assert max(thread.values_list("level", flat=True)) <= 3
    assert "Created 2 posts and 60 comments" in out.getvalue()


def test_bench_data_adds_posts_of_the_sizes_asked_for(tree, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command(
        "intranet_bench_data",
        posts=1,
        comments=5,
        sizes=[0, 40],
        people=6,
        stdout=out,
    )
    counts = sorted(
        Comment.objects.for_page(post).count() for post in BlogPostPage.objects.all()
    )
    assert counts == [0, 5, 40]
    assert "Created 3 posts and 45 comments" in out.getvalue()


def test_bench_data_starts_a_discussion_thread_with_threaded_replies(tree, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command(
        "intranet_bench_data", posts=0, comments=0, replies=25, people=6, stdout=out
    )
    thread = DiscussionThreadPage.objects.get()
    assert thread.live
    assert thread.get_parent().pk == tree.discussions.pk
    replies = Comment.objects.for_page(thread)
    assert replies.count() == 25
    assert replies.filter(level__gte=1).exists()
    assert "a discussion thread with 25 replies" in out.getvalue()


def test_bench_data_starts_no_discussion_thread_unless_asked(tree, settings):
    settings.DEBUG = True
    call_command(
        "intranet_bench_data", posts=1, comments=2, people=3, stdout=StringIO()
    )
    assert not DiscussionThreadPage.objects.exists()
