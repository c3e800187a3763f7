"""axe-core on every kind of page the intranet's own templates draw, at desktop and
phone widths: no critical and no serious violation of WCAG 2.2 A and AA.

Each test builds one representative intranet, then walks its pages in one browser
context per person, so the live server and the sign-in are shared; every page is
checked before the test fails, and the failure lists all that was found.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.template import loader
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from intranet.social import services
from intranet.social.mail import unsubscribe_token
from intranet.social.models import Kind
from intranet.social.notifications import notify
from tests.browser.conftest import accessibility_problems, assert_accessible, sign_in
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    GuidelinePageFactory,
    LeaderUpdatePageFactory,
    PublicPostFactory,
    TrainingModulePageFactory,
    UserFactory,
    comment_on,
    leader_profile,
    make_poll,
    publish_change,
)

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"1280px": (1280, 900), "360px": (360, 740)}


@pytest.fixture(params=WIDTHS, ids=str)
def width(request):
    return request.param


@pytest.fixture
def new_page(browser, width):
    """Pages in fresh browser contexts at the test's width, closed afterwards."""
    contexts = []

    def open_page():
        w, h = WIDTHS[width]
        context = browser.new_context(viewport={"width": w, "height": h})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def moderator_rights(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="intranet", codename="moderate")
    )


@pytest.fixture
def intranet(site):
    """Posts, a conversation, a thread with a poll, guidelines, training, leaders and
    the notifications of Sam, a member of staff who moderates and is an ambassador."""
    sam = UserFactory(
        username="staff",
        first_name="Sam",
        last_name="Okafor",
        is_ambassador=True,
        skills="Video, Finnish",
    )
    moderator_rights(sam)
    lea = UserFactory(username="lea", first_name="Lea", last_name="Fischer")
    profile = leader_profile(site)
    laura = profile.user

    post = BlogPostPageFactory(
        parent=site.blog,
        title="Why we are on social media",
        slug="why",
        authors=[laura],
        tag_names=["social media"],
    )
    question = comment_on(post, lea, "Which networks first, @laura?")
    reply = comment_on(post, laura, "LinkedIn, then Instagram.", parent=question)
    comment_on(post, sam, "Thank you, that helps.", parent=reply)
    removed = comment_on(post, lea, "Posted too soon.")
    comment_on(post, sam, "It happens to all of us.", parent=removed)
    services.delete_comment(removed, lea)
    hidden = comment_on(post, lea, "Something that breaks the policy.")
    services.hide_comment(hidden, sam, "Personal data of a customer.")
    own = comment_on(post, sam, "I will share this with my team.")
    PublicPostFactory(parent=site.blog, title="Our new service centre", slug="centre")

    thread = DiscussionThreadPageFactory(
        parent=site.discussions,
        title="Should communicators use every network?",
        slug="every-network",
        owner=sam,
        first_published_at=timezone.now(),
    )
    make_poll(thread, labels=("Yes", "At least a little", "No"), question="Well?")
    thread_comment = comment_on(thread, lea, "At least a little.")

    policy = GuidelinePageFactory(
        parent=site.guidelines,
        title="Social media policy",
        slug="social-media-policy",
        policy=True,
    )
    publish_change(policy, "Added what to do when a customer asks for help online.")
    training = TrainingModulePageFactory(
        parent=site.guidelines, title="Ambassador training", slug="ambassadors"
    )

    update = LeaderUpdatePageFactory(
        parent=profile, title="What I heard on the phones", slug="phones"
    )
    services.follow(sam, thread)
    services.follow_person(sam, laura)
    notify(sam, Kind.REPLY, post, actor=laura, comment=reply)
    notify(sam, Kind.LEADER, update, actor=laura)
    notify(sam, Kind.GUIDELINE, policy)
    return {
        "sam": sam,
        "lea": lea,
        "laura": laura,
        "post": post,
        "own": own,
        "lea_comment": question,
        "thread": thread,
        "thread_comment": thread_comment,
        "policy": policy,
        "training": training,
        "profile": profile,
        "update": update,
    }


def walk(page, base, stops):
    """Open each ``(name, path or action)`` in turn and gather what axe finds."""
    problems = []
    for name, stop in stops:
        if callable(stop):
            stop(page)
        else:
            response = page.goto(f"{base}{stop}")
            if response.status >= 500:
                problems.append(f"{name} ({page.url}): answered {response.status}")
        problems += accessibility_problems(page, name)
    return problems


def test_pages_signed_in_staff_and_leaders_use_have_no_serious_barriers(
    site, intranet, new_page, width
):
    post, thread, sam = intranet["post"], intranet["thread"], intranet["sam"]
    staff = new_page()
    sign_in(staff, site.url, "staff")

    def user_menu_open(page):
        page.goto(f"{site.url}/")
        page.get_by_test_id("user-menu").locator("summary").click()
        page.get_by_test_id("following-link").wait_for()

    def thread_form_with_errors(page):
        page.goto(f"{site.url}/threads/new/")
        page.get_by_label("Title").fill("   ")
        page.get_by_test_id("thread-submit").click()
        page.get_by_test_id("form-errors").wait_for()

    def knowledge_check_with_errors(page):
        page.goto(f"{site.url}{intranet['training'].url}")
        page.get_by_test_id("submit-check").click()
        page.get_by_test_id("form-errors").wait_for()

    def password_change_with_errors(page):
        page.goto(f"{site.url}/accounts/password/")
        page.get_by_role("button", name="Change my password").click()
        page.get_by_test_id("form-errors").wait_for()

    def profile_edit_with_errors(page):
        page.goto(f"{site.url}/accounts/profile/")
        page.get_by_label(re.compile("LinkedIn")).fill("not an address")
        page.get_by_test_id("profile-save").click()
        page.get_by_test_id("form-errors").wait_for()

    problems = walk(
        staff,
        site.url,
        [
            (f"home-{width}", "/"),
            (f"user-menu-open-{width}", user_menu_open),
            (f"blog-{width}", site.blog.url),
            (f"blog-tag-{width}", f"{site.blog.url}?tag=social-media"),
            (f"post-{width}", post.url),
            (
                f"post-reply-{width}",
                f"{post.url}?reply_to={intranet['lea_comment'].pk}",
            ),
            (f"discussions-{width}", site.discussions.url),
            (f"thread-{width}", thread.url),
            (f"thread-form-{width}", "/threads/new/"),
            (f"thread-form-errors-{width}", thread_form_with_errors),
            (f"thread-edit-{width}", f"/threads/{thread.pk}/edit/"),
            (f"thread-hide-{width}", f"/threads/{thread.pk}/hide/"),
            (f"comment-edit-{width}", f"/social/comments/{intranet['own'].pk}/edit/"),
            (
                f"comment-delete-{width}",
                f"/social/comments/{intranet['own'].pk}/delete/",
            ),
            (
                f"comment-report-{width}",
                f"/social/comments/{intranet['lea_comment'].pk}/report/",
            ),
            (
                f"comment-hide-{width}",
                f"/social/comments/{intranet['lea_comment'].pk}/hide/",
            ),
            (f"guidelines-{width}", site.guidelines.url),
            (f"guideline-{width}", intranet["policy"].url),
            (f"my-guidelines-{width}", f"{site.guidelines.url}mine/"),
            (f"training-{width}", intranet["training"].url),
            (f"training-check-errors-{width}", knowledge_check_with_errors),
            (f"people-{width}", site.people.url),
            (f"profile-{width}", f"/people/profile/{intranet['lea'].username}/"),
            (f"leader-profile-{width}", intranet["profile"].url),
            (f"leader-update-{width}", intranet["update"].url),
            (f"notifications-{width}", "/social/notifications/"),
            (f"notification-settings-{width}", "/social/notifications/settings/"),
            (f"following-{width}", "/social/following/"),
            (f"share-history-{width}", "/social/shares/"),
            (f"search-{width}", "/search/?q=social"),
            (f"search-nothing-{width}", "/search/?q=zebra"),
            (f"profile-edit-{width}", "/accounts/profile/"),
            (f"profile-edit-errors-{width}", profile_edit_with_errors),
            (f"password-change-{width}", "/accounts/password/"),
            (f"password-change-errors-{width}", password_change_with_errors),
            (f"password-change-done-{width}", "/accounts/password/done/"),
            (
                f"unsubscribe-{width}",
                f"/social/unsubscribe/{unsubscribe_token(sam, [Kind.REPLY])}/",
            ),
            (f"not-found-{width}", "/no-such-page/"),
            (
                f"forbidden-{width}",
                f"/social/comments/{intranet['lea_comment'].pk}/edit/",
            ),
        ],
    )

    leader = new_page()
    sign_in(leader, site.url, "laura")

    def update_form_with_errors(page):
        page.goto(f"{site.url}{intranet['profile'].url}post/")
        page.get_by_test_id("update-submit").click()
        page.get_by_test_id("form-errors").wait_for()

    problems += walk(
        leader,
        site.url,
        [
            (f"leader-own-profile-{width}", intranet["profile"].url),
            (f"leader-update-form-{width}", f"{intranet['profile'].url}post/"),
            (f"leader-update-form-errors-{width}", update_form_with_errors),
        ],
    )
    assert not problems, "\n".join(problems)


def test_pages_visitors_who_are_not_signed_in_see_have_no_serious_barriers(
    site, new_page, width
):
    sam = UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    laura = UserFactory(username="laura", first_name="Laura", last_name="Bennett")
    post = PublicPostFactory(
        parent=site.blog,
        title="We opened a new service centre in Oulu",
        slug="oulu-centre",
        authors=[laura],
    )
    profile = leader_profile(site, username="oliver", first_name="Oliver")
    update = LeaderUpdatePageFactory(
        parent=profile, title="Welcome to Oulu", slug="oulu", audience="public"
    )
    uid = urlsafe_base64_encode(force_bytes(sam.pk))
    token = default_token_generator.make_token(sam)
    visitor = new_page()

    def login_with_errors(page):
        page.goto(f"{site.url}/accounts/login/")
        page.get_by_label("Username").fill("staff")
        page.get_by_label("Password").fill("not-it")
        page.get_by_test_id("login-submit").click()
        page.get_by_test_id("form-errors").wait_for()

    def reset_link(page):
        page.goto(f"{site.url}/accounts/password/reset/{uid}/{token}/")
        page.wait_for_url(re.compile(r"/set-password/$"))

    def reset_with_errors(page):
        page.get_by_label("New password", exact=True).fill("short")
        page.get_by_label("New password confirmation").fill("other")
        page.get_by_role("button").last.click()
        page.get_by_test_id("form-errors").wait_for()

    def server_error(page):
        body = loader.get_template("intranet/500.html").render()
        page.route(
            f"{site.url}/broken/",
            lambda route: route.fulfill(
                status=500, content_type="text/html", body=body
            ),
        )
        page.goto(f"{site.url}/broken/")

    problems = walk(
        visitor,
        site.url,
        [
            (f"login-{width}", "/accounts/login/"),
            (f"login-errors-{width}", login_with_errors),
            (f"password-reset-{width}", "/accounts/password/reset/"),
            (f"password-reset-sent-{width}", "/accounts/password/reset/sent/"),
            (f"password-reset-confirm-{width}", reset_link),
            (f"password-reset-confirm-errors-{width}", reset_with_errors),
            (f"password-reset-bad-link-{width}", "/accounts/password/reset/MQ/nope/"),
            (f"password-reset-complete-{width}", "/accounts/password/reset/complete/"),
            (f"newsroom-{width}", "/newsroom/"),
            (f"public-post-{width}", post.url),
            (f"public-update-{width}", update.url),
            (f"public-search-{width}", "/search/?q=oulu"),
            (f"unsubscribe-bad-link-{width}", "/social/unsubscribe/nope/"),
            (f"server-error-{width}", server_error),
        ],
    )
    assert not problems, "\n".join(problems)


def test_the_mention_suggestions_have_no_serious_barriers_while_open(
    site, new_page, width
):
    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    UserFactory(username="lea", first_name="Lea", last_name="Fischer")
    post = BlogPostPageFactory(parent=site.blog, title="Spring campaign", slug="spring")
    page = new_page()
    sign_in(page, site.url, "staff")
    page.goto(f"{site.url}{post.url}")
    page.get_by_label("Your comment").press_sequentially("Thanks, @le")
    page.get_by_role("listbox", name="People to mention").get_by_role(
        "option"
    ).first.wait_for()
    assert_accessible(page, f"mentions-open-{width}")
