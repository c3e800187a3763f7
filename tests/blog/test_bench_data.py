from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import BlogPostPage
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
