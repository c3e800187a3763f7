import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import WorkflowState

from intranet.people.models import LeaderUpdatePage
from intranet.social import preferences, services
from intranet.social.models import Comment, Delivery, Kind, Notification
from tests.factories import UserFactory
from tests.factories.people import LeaderUpdatePageFactory, leader_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def laura(tree):
    return leader_profile(tree)


@pytest.fixture
def mark(tree):
    return leader_profile(tree, username="mark", first_name="Mark", last_name="Lee")


def post_url(profile):
    return f"{profile.url}post/"


def update_data(**overrides):
    data = {"title": "Our year ahead", "text": "Three things I want us to do."}
    data.update(overrides)
    return data


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#123c69").save(buffer, format="PNG")
    return SimpleUploadedFile("pic.png", buffer.getvalue(), content_type="image/png")


# The profile ---------------------------------------------------------------------


def test_a_leader_profile_shows_role_biography_focus_areas_and_channels(
    staff_client, tree
):
    profile = leader_profile(tree)
    profile.focus_areas = "Customer service\nHybrid work"
    profile.save_revision().publish()
    profile.user.intranet_profile.linkedin_url = "https://www.linkedin.com/in/laura"
    profile.user.intranet_profile.save()
    response = staff_client.get(profile.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<bdi>Laura Bennett</bdi>" in html
    assert "Chief executive" in html
    assert "hard question early" in html
    assert "Hybrid work" in html
    assert "https://www.linkedin.com/in/laura" in html


def test_markup_in_a_leader_biography_is_escaped(staff_client, laura):
    laura.biography = "<img src=x onerror=alert(1)>"
    laura.save_revision().publish()
    html = staff_client.get(laura.url).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_updates_are_listed_newest_first(staff_client, laura):
    first = LeaderUpdatePageFactory(parent=laura, title="First")
    second = LeaderUpdatePageFactory(parent=laura, title="Second")
    response = staff_client.get(laura.url)
    assert list(response.context["updates"]) == [second, first]


def test_each_update_has_its_own_address_under_the_profile(staff_client, laura):
    update = LeaderUpdatePageFactory(parent=laura, slug="hello")
    assert update.url == "/people/laura/hello/"
    response = staff_client.get(update.url)
    assert response.status_code == 200
    assert 'data-testid="conversation"' in response.content.decode()


def test_the_staff_profile_links_to_the_leader_profile(staff_client, laura):
    response = staff_client.get("/people/profile/laura/")
    assert 'data-testid="leader-profile-link"' in response.content.decode()
    assert response.context["leader_page"] == laura


def test_the_staff_profile_lists_a_leaders_updates(staff_client, laura):
    LeaderUpdatePageFactory(parent=laura, title="Town hall notes")
    response = staff_client.get("/people/profile/laura/")
    assert "Town hall notes" in response.content.decode()


def test_a_leader_profile_cannot_take_the_staff_profiles_address(tree):
    from django.core.exceptions import ValidationError

    profile = leader_profile(tree)
    profile.slug = "profile"
    with pytest.raises(ValidationError):
        profile.full_clean()


# Posting from the front end ------------------------------------------------------


def test_a_leader_posts_an_update_from_their_profile(client, laura):
    client.force_login(laura.user)
    assert client.get(laura.url).content.decode().count('data-testid="post-update"')
    assert client.get(post_url(laura)).status_code == 200
    response = client.post(post_url(laura), update_data())
    update = LeaderUpdatePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == update.url
    assert update.live
    assert update.leader == laura.user
    assert update.owner == laura.user
    assert update.prepared_with is None
    assert update.is_child_of(laura)


def test_forged_owner_leader_and_audience_fields_are_ignored(client, laura, mark):
    client.force_login(laura.user)
    client.post(
        post_url(laura),
        update_data(
            owner=mark.user.pk,
            leader=mark.user.pk,
            prepared_with=mark.user.pk,
            audience="public",
            live="",
        ),
    )
    update = LeaderUpdatePage.objects.get()
    assert update.owner == laura.user
    assert update.leader == laura.user
    assert update.prepared_with is None
    assert update.audience == "staff"


def test_a_form_with_errors_keeps_what_was_typed(client, laura):
    client.force_login(laura.user)
    response = client.post(post_url(laura), update_data(text="", title="Kept headline"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Kept headline"' in html
    assert "field__error" in html
    assert not LeaderUpdatePage.objects.exists()


def test_an_update_is_short(client, laura):
    client.force_login(laura.user)
    response = client.post(post_url(laura), update_data(text="x" * 1501))
    assert response.status_code == 400
    assert not LeaderUpdatePage.objects.exists()


def test_an_update_may_carry_an_image_with_a_description(client, laura):
    client.force_login(laura.user)
    response = client.post(
        post_url(laura),
        {**update_data(), "image": png(), "image_alt": "The team at the fair"},
    )
    assert response.status_code == 302
    update = LeaderUpdatePage.objects.get()
    assert update.image.description == "The team at the fair"
    page = client.get(update.url).content.decode()
    assert 'alt="The team at the fair"' in page


def test_an_image_without_a_description_is_refused(client, laura):
    client.force_login(laura.user)
    response = client.post(post_url(laura), {**update_data(), "image": png()})
    assert response.status_code == 400
    assert not LeaderUpdatePage.objects.exists()


def test_an_svg_or_oversized_image_is_refused(client, laura, settings):
    client.force_login(laura.user)
    svg = SimpleUploadedFile(
        "x.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = client.post(
        post_url(laura), {**update_data(), "image": svg, "image_alt": "x"}
    )
    assert response.status_code == 400
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    response = client.post(
        post_url(laura), {**update_data(), "image": png(), "image_alt": "x"}
    )
    assert response.status_code == 400
    assert not LeaderUpdatePage.objects.exists()


def test_a_javascript_video_link_is_refused(client, laura):
    client.force_login(laura.user)
    response = client.post(
        post_url(laura), update_data(video_url="javascript:alert(1)")
    )
    assert response.status_code == 400
    assert not LeaderUpdatePage.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_and_other_leaders_cannot_post_on_a_leaders_profile(
    client, staff, laura, mark, method
):
    for person in (staff, mark.user):
        client.force_login(person)
        response = getattr(client, method)(post_url(laura), update_data())
        assert response.status_code == 403
    assert not LeaderUpdatePage.objects.exists()
    client.force_login(staff)
    assert 'data-testid="post-update"' not in client.get(laura.url).content.decode()


def test_staff_cannot_approve_drafts(client, staff, laura):
    delegate = UserFactory(username="dee")
    laura.delegates.set([delegate])
    laura.save()
    client.force_login(delegate)
    client.post(post_url(laura), update_data())
    draft = LeaderUpdatePage.objects.get()
    for person in (staff, delegate):
        client.force_login(person)
        response = client.post(f"{laura.url}approve/{draft.pk}/")
        assert response.status_code == 403
    draft.refresh_from_db()
    assert not draft.live


# Delegates -----------------------------------------------------------------------


@pytest.fixture
def delegate(laura):
    person = UserFactory(username="dee", first_name="Dee", last_name="Legate")
    laura.delegates.set([person])
    laura.save_revision().publish()
    return person


def test_a_delegate_drafts_an_update_that_waits_for_the_leader(client, laura, delegate):
    client.force_login(delegate)
    response = client.post(post_url(laura), update_data())
    assert response.status_code == 302
    draft = LeaderUpdatePage.objects.get()
    assert not draft.live
    assert draft.prepared_with == delegate
    assert draft.leader == laura.user
    assert draft.owner == laura.user
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Leader approval"
    assert state.requested_by == delegate


def test_staff_do_not_see_a_draft_and_the_leader_does(client, staff, laura, delegate):
    client.force_login(delegate)
    client.post(post_url(laura), update_data(title="Draft headline"))
    client.force_login(staff)
    assert "Draft headline" not in client.get(laura.url).content.decode()
    client.force_login(laura.user)
    html = client.get(laura.url).content.decode()
    assert "Draft headline" in html
    assert 'data-testid="approve"' in html


def test_the_leader_approves_a_draft_and_readers_see_who_prepared_it(
    client, staff, laura, delegate
):
    client.force_login(delegate)
    client.post(post_url(laura), update_data(title="Prepared"))
    draft = LeaderUpdatePage.objects.get()
    client.force_login(laura.user)
    response = client.post(f"{laura.url}approve/{draft.pk}/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert draft.prepared_with == delegate
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    client.force_login(staff)
    html = client.get(draft.url).content.decode()
    assert "prepared with <bdi>Dee Legate</bdi>" in html
    assert (
        "prepared with <bdi>Dee Legate</bdi>" in client.get(laura.url).content.decode()
    )


def test_another_leader_cannot_approve_a_leaders_draft(client, laura, mark, delegate):
    client.force_login(delegate)
    client.post(post_url(laura), update_data())
    draft = LeaderUpdatePage.objects.get()
    client.force_login(mark.user)
    assert client.post(f"{laura.url}approve/{draft.pk}/").status_code == 403
    assert client.post(f"{mark.url}approve/{draft.pk}/").status_code == 404
    draft.refresh_from_db()
    assert not draft.live


def test_approving_takes_post_only(client, laura, delegate):
    client.force_login(delegate)
    client.post(post_url(laura), update_data())
    draft = LeaderUpdatePage.objects.get()
    client.force_login(laura.user)
    assert client.get(f"{laura.url}approve/{draft.pk}/").status_code == 405
    draft.refresh_from_db()
    assert not draft.live


def test_a_leaders_own_update_never_claims_a_delegate(client, laura, delegate):
    client.force_login(laura.user)
    client.post(post_url(laura), update_data())
    assert LeaderUpdatePage.objects.get().prepared_with is None


# Questions -----------------------------------------------------------------------


def ask(update, person, text="Will this change our targets?"):
    return services.add_comment(update, person, text, is_question=True)


def test_a_question_waits_until_the_leader_replies(client, staff, laura):
    update = LeaderUpdatePageFactory(parent=laura)
    question = ask(update, staff)
    other = UserFactory()
    services.add_comment(update, other, "Good question!", parent=question)
    client.force_login(staff)
    response = client.get(update.url)
    assert [(q.comment, q.answered) for q in response.context["questions"]] == [
        (question, False)
    ]
    assert 'data-testid="question-open"' in response.content.decode()
    assert [q.pk for q in client.get(laura.url).context["questions"]] == [question.pk]

    services.add_comment(update, laura.user, "No, targets stay.", parent=question)
    response = client.get(update.url)
    assert [q.answered for q in response.context["questions"]] == [True]
    assert 'data-testid="question-answered"' in response.content.decode()
    assert client.get(laura.url).context["questions"] == []


def test_a_hidden_answer_does_not_answer_a_question(client, staff, moderator, laura):
    update = LeaderUpdatePageFactory(parent=laura)
    question = ask(update, staff)
    answer = services.add_comment(update, laura.user, "Yes.", parent=question)
    services.hide_comment(answer, moderator, "Off topic")
    client.force_login(staff)
    assert [q.pk for q in client.get(laura.url).context["questions"]] == [question.pk]


def test_open_questions_only_come_from_updates_the_reader_may_see(client, staff, laura):
    update = LeaderUpdatePageFactory(parent=laura)
    ask(update, staff)
    update.unpublish()
    client.force_login(staff)
    assert client.get(laura.url).context["questions"] == []


def test_the_leader_hears_about_a_question(
    client, staff, laura, mailoutbox, django_capture_on_commit_callbacks
):
    update = LeaderUpdatePageFactory(parent=laura)
    mailoutbox.clear()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            update.url,
            {
                "text": "What about remote work?",
                "is_question": "on",
                "parent": "",
                "token": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 302
    [told] = Notification.objects.filter(recipient=laura.user)
    assert told.kind == Kind.COMMENT and told.page_id == update.pk
    assert mailoutbox == []  # in the leader's daily digest, unless they chose otherwise


# Following -----------------------------------------------------------------------


def test_followers_get_an_email_when_the_leader_posts(
    client, staff, laura, mailoutbox, django_capture_on_commit_callbacks
):
    services.follow(staff, laura)
    preferences.choose(staff, Kind.LEADER, on_site=True, email=Delivery.INSTANT)
    quiet = UserFactory()
    preferences.choose(quiet, Kind.LEADER, on_site=True, email=Delivery.OFF)
    services.follow(quiet, laura)
    digest = UserFactory()
    services.follow(digest, laura)
    client.force_login(laura.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(laura), update_data(title="Big\nnews"))
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert "\n" not in mailoutbox[0].subject
    assert "Laura Bennett" in mailoutbox[0].subject
    update = LeaderUpdatePage.objects.get()
    told = Notification.objects.filter(page=update, kind=Kind.LEADER)
    assert set(told.values_list("recipient", flat=True)) == {
        staff.pk,
        quiet.pk,
        digest.pk,
    }
    assert f"/social/notifications/{told.get(recipient=staff).pk}/" in (
        mailoutbox[0].body
    )


def test_an_urgent_update_skips_the_digest(
    client, staff, laura, mailoutbox, django_capture_on_commit_callbacks
):
    services.follow(staff, laura)  # the default: a daily digest
    with django_capture_on_commit_callbacks(execute=True):
        LeaderUpdatePageFactory(parent=laura, urgent=True)
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert Notification.objects.get(recipient=staff).urgent


def test_followers_are_told_once_even_when_an_update_is_republished(
    staff, laura, mailoutbox, django_capture_on_commit_callbacks
):
    services.follow(staff, laura)
    with django_capture_on_commit_callbacks(execute=True):
        update = LeaderUpdatePageFactory(parent=laura)
    with django_capture_on_commit_callbacks(execute=True):
        update.text = "Corrected a typo."
        update.save_revision().publish()
    assert Notification.objects.filter(recipient=staff, page=update).count() == 1


def test_followers_hear_about_a_delegates_update_only_once_approved(
    client, staff, laura, delegate, mailoutbox, django_capture_on_commit_callbacks
):
    services.follow(staff, laura)
    client.force_login(delegate)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(laura), update_data())
    assert not Notification.objects.filter(recipient=staff).exists()
    draft = LeaderUpdatePage.objects.get()
    client.force_login(laura.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{laura.url}approve/{draft.pk}/")
    assert Notification.objects.filter(recipient=staff, page=draft).count() == 1


def test_followers_who_may_not_see_the_update_are_not_told(
    staff, laura, mailoutbox, django_capture_on_commit_callbacks
):
    gone = UserFactory(is_active=False)
    services.follow(gone, laura)
    services.follow(staff, laura)
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    board = Group.objects.create(name="Board")
    restriction = PageViewRestriction.objects.create(
        page=laura, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([board])
    preferences.choose(staff, Kind.LEADER, on_site=True, email=Delivery.INSTANT)
    with django_capture_on_commit_callbacks(execute=True):
        LeaderUpdatePageFactory(parent=laura)
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_staff_follow_a_leader_from_the_profile(client, staff, laura):
    client.force_login(staff)
    html = client.get(laura.url).content.decode()
    assert 'data-testid="follow"' in html
    client.post(f"/social/pages/{laura.pk}/follow/")
    assert services.is_following(staff, laura)


# The home page -------------------------------------------------------------------


def test_recent_leader_updates_are_highlighted_on_the_home_page(client, staff, laura):
    from datetime import timedelta

    from django.utils import timezone

    fresh = LeaderUpdatePageFactory(parent=laura, title="Fresh news")
    old = LeaderUpdatePageFactory(parent=laura, title="Old news")
    LeaderUpdatePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=15)
    )
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert 'data-testid="home-leader-updates"' in html
    assert "Fresh news" in html
    assert fresh.url in html
    assert "Old news" not in html


def test_no_highlight_without_recent_updates(client, staff, laura):
    client.force_login(staff)
    assert 'data-testid="home-leader-updates"' not in client.get("/").content.decode()


def test_an_update_may_carry_a_poll_from_discussions(staff_client, laura):
    from tests.factories.discussions import make_poll

    poll = make_poll(question="Which form should we fix next?")
    update = LeaderUpdatePageFactory(parent=laura, poll=[("poll", poll)])
    html = staff_client.get(update.url).content.decode()
    assert 'data-testid="poll"' in html
    assert "Which form should we fix next?" in html


def test_a_leader_marks_an_update_urgent_from_the_profile(
    client, staff, laura, mailoutbox, django_capture_on_commit_callbacks
):
    services.follow(staff, laura)  # the default: a daily digest
    client.force_login(laura.user)
    assert 'name="urgent"' in client.get(post_url(laura)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(laura), {**update_data(), "urgent": "on"})
    assert LeaderUpdatePage.objects.get().urgent
    assert [m.to for m in mailoutbox] == [[staff.email]]


# Questions on the profile ----------------------------------------------------------


def ask_on_profile(client, profile, text="How do we hear about the reorganisation?"):
    return client.post(
        profile.url,
        {"text": text, "parent": "", "token": str(uuid.uuid4())},
    )


def test_a_question_asked_on_the_profile_waits_for_the_leader(
    client, staff, laura, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    html = client.get(laura.url).content.decode()
    assert 'data-testid="ask-form"' in html
    assert "Your question" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_on_profile(client, laura)
    assert response.status_code == 302
    question = Comment.objects.get()
    assert question.is_question
    assert question.object_pk == str(laura.pk)
    assert response.url.endswith(f"#{question.anchor}")
    response = client.get(laura.url)
    html = response.content.decode()
    assert 'data-testid="comment-question-open"' in html
    assert [q.pk for q in response.context["questions"]] == [question.pk]
    [told] = Notification.objects.filter(recipient=laura.user)
    assert told.kind == Kind.COMMENT and told.page_id == laura.pk


def test_a_question_on_the_profile_is_listed_on_the_leaders_home_page(
    client, staff, laura
):
    client.force_login(staff)
    ask_on_profile(client, laura)
    question = Comment.objects.get()
    client.force_login(laura.user)
    html = client.get("/").content.decode()
    assert 'data-testid="home-question"' in html
    link = f"/social/comments/{question.pk}/"
    assert f'href="{link}"' in html
    landing = client.get(link)
    assert landing.status_code == 302
    assert landing["Location"].startswith(laura.url)
    assert landing["Location"].endswith(f"#c{question.pk}")


def test_the_leader_answers_on_the_profile_and_the_question_is_answered(
    client, staff, laura
):
    client.force_login(staff)
    ask_on_profile(client, laura)
    question = Comment.objects.get()
    client.force_login(laura.user)
    assert f'href="?reply_to={question.pk}#' in client.get(laura.url).content.decode()
    response = client.post(
        laura.url,
        {
            "text": "Through your manager first.",
            "parent": question.pk,
            "token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    answer = Comment.objects.exclude(pk=question.pk).get()
    assert answer.parent_id == question.pk and not answer.is_question
    client.force_login(staff)
    response = client.get(laura.url)
    assert response.context["questions"] == []
    assert 'data-testid="comment-question-answered"' in response.content.decode()
    assert 'data-testid="no-open-questions"' in response.content.decode()


def test_every_new_thread_on_the_profile_is_a_question_whatever_the_form_says(
    client, staff, laura
):
    client.force_login(staff)
    client.post(
        laura.url,
        {
            "text": "Just saying hi",
            "parent": "",
            "token": str(uuid.uuid4()),
            "is_question": "",
        },
    )
    assert Comment.objects.get().is_question


def test_an_empty_question_keeps_the_profile_and_says_what_to_fix(client, staff, laura):
    client.force_login(staff)
    response = ask_on_profile(client, laura, text="   ")
    assert response.status_code == 400
    assert "Write something before you send it." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_moderator_closing_the_profile_stops_new_questions(client, staff, laura):
    laura.comments_closed = True
    laura.save()
    client.force_login(staff)
    html = client.get(laura.url).content.decode()
    assert 'data-testid="ask-form"' not in html
    assert 'data-testid="comments-closed"' in html
    ask_on_profile(client, laura)
    assert not Comment.objects.exists()


def test_a_leader_has_one_profile_in_each_language(tree):
    """A leader's profile may be translated (the translation is theirs too), but
    nobody gets two profiles in one language."""
    from django.core.exceptions import ValidationError
    from wagtail.models import Locale

    from intranet.people.models import LeaderProfilePage

    profile = leader_profile(tree)
    finnish = Locale.objects.get_or_create(language_code="fi")[0]
    translation = profile.copy_for_translation(finnish, copy_parents=True)
    assert translation.user == profile.user
    again = LeaderProfilePage(
        title="Laura again", slug="laura-again", user=profile.user, role="CEO"
    )
    with pytest.raises(ValidationError) as refused:
        tree.people.add_child(instance=again)
    assert "already has a leader profile" in str(refused.value)
