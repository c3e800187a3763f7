"""A page and its translations hold one conversation: the same comments, counts,
reactions and follows in every language, open only to those who may see the
original."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from blog.models import BlogPostPage
from intranet.blog.models import with_counts
from intranet.discussions.listing import with_activity
from intranet.discussions.models import DiscussionThreadPage
from intranet.people.pages import LeaderUpdatePage
from intranet.social import reach, services, translations
from intranet.social.models import (
    Announcement,
    Comment,
    Notification,
    PageFollow,
    PageReaction,
)
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    UserFactory,
    comment_on,
    finnish_locale,
    in_finnish,
    make_poll,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fi_post(post):
    return translate(post, title="Miksi olemme somessa")


def send(client, url, text, parent=None):
    data = {"text": text, "token": str(uuid.uuid4())}
    if parent is not None:
        data["parent"] = parent.pk
    return client.post(url, data)


def conversation_on(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["conversation"]


def restrict_to(page, group_name):
    group, _created = Group.objects.get_or_create(name=group_name)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return group


# The one conversation ---------------------------------------------------------------


def test_the_finnish_version_is_served_where_the_english_one_is(
    staff_client, post, fi_post
):
    response = staff_client.get(in_finnish(fi_post))
    assert response.context["page"].pk == fi_post.pk
    assert staff_client.get(post.url).context["page"].pk == post.pk


def test_a_comment_on_the_finnish_version_joins_the_originals_conversation(
    staff_client, post, fi_post
):
    response = send(staff_client, in_finnish(fi_post), "Hyvä kirjoitus!")
    comment = Comment.objects.get()
    assert comment.object_pk == str(post.pk)
    # The writer stays on the version they read.
    assert response["Location"] == f"{fi_post.url}?lang=fi#{comment.anchor}"
    for url in (post.url, in_finnish(fi_post)):
        html = staff_client.get(url).content.decode()
        assert f'id="{comment.anchor}"' in html
        assert "Hyvä kirjoitus!" in html


def test_a_reply_on_either_version_threads_under_the_same_comment(
    staff_client, post, fi_post, staff
):
    laura = UserFactory(username="laura")
    top = comment_on(post, laura, "What do you think?")
    send(staff_client, in_finnish(fi_post), "Samaa mieltä.", parent=top)
    send(staff_client, post.url, "Agreed as well.", parent=top)
    replies = Comment.objects.exclude(pk=top.pk)
    assert {r.parent_id for r in replies} == {top.pk}
    assert {r.object_pk for r in replies} == {str(post.pk)}
    english = conversation_on(staff_client, post.url)
    finnish = conversation_on(staff_client, in_finnish(fi_post))
    assert [n.comment.pk for n in english.roots] == [top.pk]
    assert [c.comment.pk for c in finnish.roots[0].children] == [
        c.comment.pk for c in english.roots[0].children
    ]


def test_both_versions_show_the_same_counts_and_reactions(
    staff_client, post, fi_post, staff
):
    mikko = UserFactory(username="mikko")
    comment_on(post, mikko, "One")
    comment_on(post, staff, "Two")
    staff_client.post(f"/social/pages/{fi_post.pk}/react/", {"kind": "celebrate"})
    assert PageReaction.objects.get().page_id == post.pk
    for url in (post.url, in_finnish(fi_post)):
        conversation = conversation_on(staff_client, url)
        assert conversation.count == 2
        assert conversation.my_reaction == "celebrate"
        counts = {r.kind: r.count for r in conversation.reactions}
        assert counts["celebrate"] == 1


def test_a_person_has_one_reaction_whichever_version_they_react_on(
    staff_client, post, fi_post
):
    staff_client.post(f"/social/pages/{fi_post.pk}/react/", {"kind": "celebrate"})
    staff_client.post(f"/social/pages/{post.pk}/react/", {"kind": "insightful"})
    assert list(PageReaction.objects.values_list("page_id", "kind")) == [
        (post.pk, "insightful")
    ]
    staff_client.post(f"/social/pages/{fi_post.pk}/react/", {"kind": "insightful"})
    assert not PageReaction.objects.exists()


def test_following_either_version_follows_the_one_conversation(
    staff_client, post, fi_post, staff
):
    response = staff_client.post(f"/social/pages/{fi_post.pk}/follow/")
    assert response["Location"] == f"{fi_post.url}?lang=fi"
    assert PageFollow.objects.get().page_id == post.pk
    assert services.is_following(staff, post)
    assert services.is_following(staff, fi_post)
    assert list(services.followers(fi_post)) == [staff]
    staff_client.post(f"/social/pages/{post.pk}/follow/")
    assert not PageFollow.objects.exists()


def test_the_following_page_lists_a_followed_page_once_in_the_readers_language(
    client, post, fi_post
):
    reader = UserFactory(username="aino", language="fi")
    services.follow(reader, post)
    client.force_login(reader)
    html = client.get("/social/following/").content.decode()
    assert html.count('dir="auto">Miksi olemme somessa</a>') == 1
    assert "Why we are on social media" not in html
    client.post(f"/social/pages/{fi_post.pk}/unfollow/")
    assert not PageFollow.objects.exists()


def test_a_comment_moderators_close_on_one_version_is_closed_on_both(
    client, post, fi_post, moderator, staff
):
    client.force_login(moderator)
    client.post(f"/social/pages/{fi_post.pk}/close-comments/")
    post.refresh_from_db()
    assert post.comments_closed
    client.force_login(staff)
    for url in (post.url, in_finnish(fi_post)):
        assert send(client, url, "Too late").status_code == 403
    assert not Comment.objects.exists()


def test_comments_switched_off_on_the_original_are_off_on_the_translation(
    staff_client, post, fi_post
):
    BlogPostPage.objects.filter(pk=post.pk).update(comments_enabled=False)
    assert send(staff_client, in_finnish(fi_post), "Hei").status_code == 403
    assert not Comment.objects.exists()


def test_liking_a_comment_from_the_finnish_version_goes_back_to_it(
    client, post, fi_post, staff
):
    comment = comment_on(post, UserFactory(username="mikko"), "Nice")
    reader = UserFactory(username="aino", language="fi")
    client.force_login(reader)
    response = client.post(f"/social/comments/{comment.pk}/like/")
    assert response["Location"] == f"{fi_post.url}?lang=fi#{comment.anchor}"
    assert comment.likes.count() == 1


# Notifications ----------------------------------------------------------------------


def test_a_reply_on_the_finnish_version_notifies_about_the_original(
    client, post, fi_post, staff, committed
):
    mikko = UserFactory(username="mikko")
    question = comment_on(post, mikko, "A question")
    client.force_login(staff)
    committed(send, client, in_finnish(fi_post), "Vastaus", parent=question)
    notification = Notification.objects.get(recipient=mikko)
    assert notification.page_id == post.pk
    assert notification.kind == "reply"


def test_a_notification_leads_to_the_version_its_reader_reads(
    client, post, fi_post, staff, committed
):
    aino = UserFactory(username="aino", language="fi")
    emma = UserFactory(username="emma")
    first = comment_on(post, aino, "Kysymys")
    second = comment_on(post, emma, "A question")
    client.force_login(staff)
    committed(send, client, post.url, "Answer one", parent=first)
    committed(send, client, post.url, "Answer two", parent=second)
    for person, expected in ((aino, f"{fi_post.url}?lang=fi#"), (emma, post.url)):
        client.force_login(person)
        notification = Notification.objects.get(recipient=person)
        response = client.get(f"/social/notifications/{notification.pk}/")
        assert response["Location"].startswith(expected)
        assert response["Location"].endswith(f"#{notification.comment.anchor}")


def test_a_notification_leads_to_the_original_where_no_translation_is_live(
    client, post, staff, committed
):
    draft = translate(post, publish=False)
    aino = UserFactory(username="aino", language="fi")
    question = comment_on(post, aino, "Kysymys")
    client.force_login(staff)
    committed(send, client, post.url, "Answer", parent=question)
    client.force_login(aino)
    notification = Notification.objects.get(recipient=aino)
    response = client.get(f"/social/notifications/{notification.pk}/")
    assert response["Location"] == f"{post.url}#{notification.comment.anchor}"
    assert not draft.live


def test_a_translations_first_publication_announces_nothing_again(post):
    Announcement.objects.create(page=post)  # the post was announced
    version = translate(post)  # published: the blog announces each first publication
    assert not services.announce(version)
    assert list(Announcement.objects.values_list("page_id", flat=True)) == [post.pk]


# Hostile: the original's audience holds for its translation -------------------------


def test_a_comment_on_the_finnish_version_of_a_post_a_person_may_not_see_is_refused(
    client, post, fi_post
):
    restrict_to(post, "Board")
    restrict_to(fi_post, "Board")
    outsider = UserFactory(username="outsider")
    client.force_login(outsider)
    for url in (post.url, in_finnish(fi_post)):
        assert send(client, url, "Let me in").status_code in (403, 404)
    assert not Comment.objects.exists()


def test_a_translation_never_opens_the_conversation_of_an_original_kept_shut(
    client, post, fi_post
):
    """Even a translation that slipped out of its original's audience (saved
    without the original's view restriction) shows, takes and reveals nothing of
    the original's conversation."""
    restrict_to(post, "Board")
    board_member = UserFactory(username="board")
    secret = comment_on(post, board_member, "Board-only remark")
    outsider = UserFactory(username="outsider")
    client.force_login(outsider)
    response = client.get(in_finnish(fi_post))
    # The original's view restriction holds on each of its versions.
    assert response.status_code == 404
    assert "Board-only remark" not in response.content.decode()
    assert send(client, in_finnish(fi_post), "Hello?").status_code == 404
    attempts = [
        client.post(f"/social/pages/{fi_post.pk}/react/", {"kind": "like"}),
        client.post(f"/social/pages/{fi_post.pk}/follow/"),
        client.post(f"/social/comments/{secret.pk}/like/"),
        client.get(f"/social/comments/{secret.pk}/"),
    ]
    assert [r.status_code for r in attempts] == [404] * 4
    assert Comment.objects.count() == 1
    assert not PageReaction.objects.exists()
    assert not PageFollow.objects.exists()
    assert not services.can_comment(outsider, fi_post)
    assert not translations.can_reach(outsider, fi_post)


def test_a_staff_only_posts_conversation_is_not_reached_through_a_public_translation(
    client, post, fi_post
):
    comment_on(post, UserFactory(username="mikko"), "Internal remark")
    BlogPostPage.objects.filter(pk=fi_post.pk).update(audience="public")
    response = client.get(in_finnish(fi_post))
    assert "Internal remark" not in response.content.decode()
    client.post(f"/social/pages/{fi_post.pk}/react/", {"kind": "like"})
    client.post(in_finnish(fi_post), {"text": "Hi", "token": str(uuid.uuid4())})
    assert not PageReaction.objects.exists()
    assert Comment.objects.count() == 1


def test_nobody_who_may_not_see_the_original_is_notified_through_a_translation(
    client, post, fi_post, staff, committed
):
    group = restrict_to(post, "Board")
    staff.groups.add(group)
    outsider = UserFactory(username="outsider")
    services.follow(outsider, fi_post)  # followed before the restriction
    mentioned = comment_on(post, staff, "Hello")
    client.force_login(staff)
    committed(send, client, post.url, "@outsider have a look", parent=mentioned)
    assert not Notification.objects.filter(recipient=outsider).exists()


# Counts do not double ----------------------------------------------------------------


def test_listings_count_a_translation_as_its_originals_conversation(
    post, fi_post, staff, django_assert_max_num_queries
):
    comment_on(post, staff, "One")
    comment_on(post, UserFactory(username="mikko"), "Two")
    PageReaction.objects.create(page=post, user=staff, kind="like")
    other = BlogPostPageFactory(parent=post.get_parent(), slug="other")
    with django_assert_max_num_queries(3):  # +1: the originals of the translations
        posts = with_counts([post, fi_post, other])
    assert [(p.comment_count, p.reaction_count) for p in posts] == [
        (2, 1),
        (2, 1),
        (0, 0),
    ]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_translations_conversation_costs_the_same_for_3_comments_as_for_30(
    staff_client, post, fi_post, django_assert_num_queries
):
    """However long the conversation, on either version; what the translation
    adds is the lookup of its original, once per request."""
    people = [UserFactory() for _ in range(3)]
    for n in range(3):
        comment_on(post, people[n], f"Comment {n}")
    staff_client.get(post.url)  # warm per-process caches (content types, site roots)
    staff_client.get(in_finnish(fi_post))
    english = queries_for(staff_client, post.url)
    finnish = queries_for(staff_client, in_finnish(fi_post))
    for n in range(27):
        comment_on(post, people[n % 3], f"More {n}")
    assert queries_for(staff_client, in_finnish(fi_post)) == finnish
    assert queries_for(staff_client, post.url) == english
    fresh = BlogPostPage.objects.get(pk=fi_post.pk)
    with django_assert_num_queries(1):
        assert translations.conversation_page(fresh).pk == post.pk
        assert translations.conversation_page(fresh).pk == post.pk


def test_a_thread_and_its_translation_list_the_same_replies_and_people(
    tree, staff, moderator, client
):
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=staff)
    fi_thread = translate(thread, title="Ketju")
    mikko = UserFactory(username="mikko")
    comment_on(thread, mikko, "First")
    comment_on(thread, mikko, "Second")
    english, finnish = with_activity([thread, fi_thread])
    assert english.reply_count == finnish.reply_count == 2
    assert [p.pk for p in finnish.participants] == [staff.pk, mikko.pk]


def test_the_reach_of_a_translated_page_counts_each_colleague_once(post, fi_post):
    from intranet.models import PageRead
    from intranet.reading import week_of

    readers = [UserFactory(username=f"reader{n}") for n in range(6)]
    for n, person in enumerate(readers):
        PageRead.objects.create(
            page=post if n % 2 else fi_post,
            user=person,
            week=week_of(post.first_published_at),
        )
    PageRead.objects.create(
        page=post, user=readers[0], week=week_of(post.first_published_at)
    )
    comment_on(post, readers[0], "Read it twice")
    PageReaction.objects.create(page=post, user=readers[1], kind="like")
    for page in (post, fi_post):
        figures = reach.reach_of(page)
        assert figures.seen_by == 6
        assert figures.took_part == 2
        assert (figures.comments, figures.reactions) == (1, 1)


# Threads: answer, lock and poll are the thread's in every language -------------------


@pytest.fixture
def thread(tree):
    return DiscussionThreadPageFactory(
        parent=tree.discussions, title="A thread", owner=UserFactory(username="author")
    )


def test_the_answer_marked_on_one_version_is_the_answer_on_both(client, thread):
    fi_thread = translate(thread, title="Ketju")
    reply = comment_on(thread, UserFactory(username="mikko"), "This is it")
    client.force_login(thread.owner)
    response = client.post(f"/threads/{fi_thread.pk}/answer/", {"comment": reply.pk})
    assert response.status_code == 302
    assert set(
        DiscussionThreadPage.objects.filter(
            pk__in=[thread.pk, fi_thread.pk]
        ).values_list("answer_id", flat=True)
    ) == {reply.pk}


def test_only_the_threads_author_marks_the_answer_not_its_translator(client, thread):
    translator = UserFactory(username="translator")
    fi_thread = translate(thread, title="Ketju", owner=translator)
    reply = comment_on(thread, UserFactory(username="mikko"), "This is it")
    client.force_login(translator)
    response = client.post(f"/threads/{fi_thread.pk}/answer/", {"comment": reply.pk})
    assert response.status_code == 403
    assert not DiscussionThreadPage.objects.filter(answer__isnull=False).exists()


def test_locking_or_hiding_a_thread_holds_for_its_translation(
    client, thread, moderator
):
    fi_thread = translate(thread, title="Ketju")
    client.force_login(moderator)
    client.post(f"/threads/{thread.pk}/lock/", {"locked": "1"})
    client.post(f"/threads/{thread.pk}/hide/", {"reason": "Off topic"})
    fi_thread.refresh_from_db()
    assert fi_thread.comments_closed
    assert fi_thread.is_hidden


def test_a_threads_poll_is_one_poll_in_every_language(staff_client, thread):
    poll = make_poll(thread, labels=("Yes", "No"))
    fi_thread = translate(thread, title="Ketju")
    response = staff_client.get(in_finnish(fi_thread))
    assert response.context["poll"].poll.pk == poll.pk
    yes = poll.options.get(label="Yes")
    staff_client.post(
        f"/threads/polls/{poll.pk}/vote/",
        {"option": [yes.pk], "next": in_finnish(fi_thread)},
    )
    assert staff_client.get(thread.url).context["poll"].poll.participations.count() == 1


# Which version is the original ---------------------------------------------------------


def test_a_page_written_in_finnish_first_keeps_its_conversation_when_translated(
    staff_client, tree
):
    finnish_locale()
    fi_blog = translate(tree.blog)
    fi_only = BlogPostPageFactory(parent=fi_blog, slug="uutinen", title="Uutinen")
    assert translations.conversation_page(fi_only).pk == fi_only.pk
    comment = comment_on(fi_only, UserFactory(username="aino"), "Ensimmäinen")
    PageReaction.objects.create(page=fi_only, user=UserFactory(), kind="like")
    english = fi_only.copy_for_translation(Locale.objects.get(language_code="en"))
    assert Comment.objects.get().object_pk == str(fi_only.pk)  # a draft: not yet
    english.save_revision().publish()
    comment.refresh_from_db()
    assert comment.object_pk == str(english.pk)
    assert PageReaction.objects.get().page_id == english.pk
    fi_only = BlogPostPage.objects.get(pk=fi_only.pk)
    assert translations.conversation_page(fi_only).pk == english.pk
    english.refresh_from_db()
    english.unpublish()
    comment.refresh_from_db()
    assert comment.object_pk == str(fi_only.pk)


def test_a_page_in_the_default_language_is_its_own_original_without_a_query(
    post, django_assert_num_queries
):
    page = Page.objects.get(pk=post.pk)
    with django_assert_num_queries(0):
        assert translations.conversation_page(page) is page
        assert translations.conversation_ids([page]) == {page.pk: page.pk}
        assert translations.reading_version(page, None, "en") is page


def test_with_one_language_every_page_is_its_own_original(settings, post, fi_post):
    settings.WAGTAIL_I18N_ENABLED = False
    assert translations.conversation_page(fi_post) is fi_post
    assert translations.version_url(fi_post) == fi_post.url


# Leaders: one update, however many languages ------------------------------------


def finnish_update(update):
    """A Finnish version of a leader's update beside it: a leader's profile cannot
    be translated (one profile per leader), so its updates' versions share it."""
    from tests.factories import LeaderUpdatePageFactory

    return LeaderUpdatePageFactory(
        parent=update.get_parent(),
        leader=update.leader,
        title="Päivitys",
        locale=finnish_locale(),
        translation_key=update.translation_key,
        followers_notified_at=update.followers_notified_at,
    )


def test_a_leaders_translated_update_counts_once_and_its_readers_in_any_language(
    tree,
):
    from intranet.models import PageRead
    from intranet.people.leaders import open_questions
    from intranet.reading import week_of
    from intranet.social import engagement
    from tests.factories import LeaderUpdatePageFactory, leader_profile

    profile = leader_profile(tree)
    update = LeaderUpdatePageFactory(parent=profile, leader=profile.user)
    fi_update = finnish_update(update)
    readers = [UserFactory(department="Sales") for _ in range(5)]
    for n, person in enumerate(readers[:4]):
        PageRead.objects.create(
            page=fi_update if n % 2 else update,
            user=person,
            week=week_of(update.first_published_at),
        )
    question = comment_on(update, readers[0], "Milloin budjetti?")
    Comment.objects.filter(pk=question.pk).update(is_question=True)
    (mine,) = engagement.leaders(engagement.Period.last_days(28))
    assert (mine.updates, mine.readers, mine.questions) == (1, 4, 1)
    assert [q.pk for q in open_questions(profile, readers[1])] == [question.pk]


def test_followers_hear_of_a_leaders_update_once_whatever_its_translations(tree):
    from intranet.people.notifications import notify_followers_once
    from tests.factories import LeaderUpdatePageFactory, leader_profile

    profile = leader_profile(tree)
    update = LeaderUpdatePageFactory(parent=profile, leader=profile.user)
    assert update.followers_notified_at is not None
    fi_update = finnish_update(update)
    LeaderUpdatePage.objects.filter(pk=fi_update.pk).update(followers_notified_at=None)
    assert not notify_followers_once(fi_update)
