"""Telling people that a new post or thread is out.

When a blog post or a discussion thread is published for the first time, the people
who follow one of its authors or one of its tags hear of it (kind "post"), each
person once, however many of those they follow. The work runs in a django-tasks
task after the publishing transaction commits: a popular tag can have thousands of
followers. ``notify_many`` leaves out the authors, inactive people and anyone who
may not see the page.
"""

from django.db.models import Q
from django_tasks import task
from wagtail.models import Page

from .mentions import mentioned_people
from .models import Kind, PersonFollow, TagFollow
from .notifications import notify_many


def authors_of(page) -> list:
    """Who wrote ``page``: a blog post's authors in their order, else its owner."""
    people = getattr(page, "people", None)
    if people is not None:
        return list(people)
    return [page.owner] if page.owner_id else []


def audience_of(page, authors):
    """The people who follow one of ``authors`` or one of ``page``'s tags, each once,
    never an author, nor anyone the text mentions."""
    from django.contrib.auth import get_user_model

    author_ids = [author.pk for author in authors]
    # Whoever a thread's text mentions hears of it as a mention, not twice.
    body = getattr(page, "body", "")
    mentioned_ids = (
        [p.pk for p in mentioned_people(body)] if isinstance(body, str) else []
    )
    tag_ids = [tag.pk for tag in page.tags.all()] if hasattr(page, "tags") else []
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=TagFollow.objects.filter(tag_id__in=tag_ids).values("user_id"))
            | Q(
                pk__in=PersonFollow.objects.filter(author_id__in=author_ids).values(
                    "user_id"
                )
            )
        )
        .exclude(pk__in=author_ids + mentioned_ids)
        .order_by("pk")
    )


@task()
def send_announcement(page_id: int) -> int:
    """Tell the followers of a newly published page's authors and tags; returns how
    many were told."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return 0
    page = page.specific
    if getattr(page, "is_hidden", False):
        return 0
    authors = authors_of(page)
    return notify_many(
        audience_of(page, authors),
        Kind.POST,
        page,
        actor=authors[0] if authors else None,
    )
