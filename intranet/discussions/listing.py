"""The discussion index: threads in order, with replies, participants and state."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from taggit.models import Tag
from wagtail.models import Page

from intranet import translations
from intranet.social.models import Comment
from intranet.social.translations import conversation_ids

from .models import DiscussionThreadPage

FILTERS = {"mine", "unanswered"}
SHOWN_PARTICIPANTS = 5


def _comments_on(thread_ids):
    return Comment.objects.counted().filter(
        content_type=ContentType.objects.get_for_model(DiscussionThreadPage),
        object_pk__in=[str(pk) for pk in thread_ids],
    )


def with_activity(threads):
    """Give each thread its reply count and participants: three queries in all (four
    when some are translations: they show their original's conversation)."""
    threads = list(threads)
    talk = conversation_ids(threads)
    ids = list(set(talk.values()))
    replies = dict(
        _comments_on(ids).values_list("object_pk").annotate(n=Count("pk")).order_by()
    )
    pairs = set(_comments_on(ids).values_list("object_pk", "user_id").distinct())
    people = (
        get_user_model()
        .objects.select_related("intranet_profile")
        .in_bulk({user for _, user in pairs} | {t.owner_id for t in threads})
    )
    for thread in threads:
        ids_here = [thread.owner_id] + sorted(
            user
            for pk, user in pairs
            if pk == str(talk[thread.pk]) and user != thread.owner_id
        )
        thread.reply_count = replies.get(str(talk[thread.pk]), 0)
        thread.participant_count = len(ids_here)
        thread.participants = [
            people[pk] for pk in ids_here[:SHOWN_PARTICIPANTS] if pk in people
        ]
    return threads


def thread_listing(index, request) -> dict:
    user = request.user
    visible = translations.one_per_page(
        translations.children_of(index, DiscussionThreadPage.objects.all()).visible_to(
            user
        )
    )
    threads = (
        visible.in_listing_order()
        .select_related("owner__intranet_profile")
        .prefetch_related("tags")
    )
    context = {"filter": request.GET.get("show", "")}
    if context["filter"] not in FILTERS:
        context["filter"] = ""
    tag = request.GET.get("tag", "").strip()
    if tag:
        context["tag"] = Tag.objects.filter(slug=tag).first()
        if context["tag"] is None:
            raise Http404
        threads = threads.filter(tags=context["tag"])
    if context["filter"] == "mine":
        replied = Comment.objects.filter(
            user=user,
            content_type=ContentType.objects.get_for_model(DiscussionThreadPage),
        ).values("object_pk")
        replied_in = Page.objects.filter(
            pk__in=[int(r["object_pk"]) for r in replied]
        ).values("translation_key")
        # A reply is in the original's conversation: it counts on every version.
        threads = threads.filter(Q(owner=user) | Q(translation_key__in=replied_in))
    elif context["filter"] == "unanswered":
        threads = threads.filter(answer__isnull=True, comments_closed=False)
    page = Paginator(threads, index.per_page).get_page(request.GET.get("page"))
    page.object_list = with_activity(page.object_list)
    context["threads"] = page
    context["tags"] = (
        Tag.objects.filter(
            intranet_discussions_discussionthreadtag_items__content_object__in=visible
        )
        .annotate(thread_count=Count("intranet_discussions_discussionthreadtag_items"))
        .order_by("-thread_count", "name")[:30]
    )
    return context
