import re

from intranet import setup
from tests.browser.conftest import screenshot, sign_in
from tests.factories import UserFactory
from tests.factories.people import LeaderProfilePageFactory


def test_a_leader_posts_staff_ask_and_the_leader_answers(browser, page, site):
    staff = UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    leader = UserFactory(
        username="leader",
        first_name="Laura",
        last_name="Bennett",
        job_title="Chief executive",
        department="Leadership",
        groups=[setup.LEADERS],
    )
    profile = LeaderProfilePageFactory(
        parent=site.people,
        user=leader,
        slug="laura-bennett",
        focus_areas="Customer service\nHybrid work",
    )

    # The leader posts an update from their profile page.
    sign_in(page, site.url, "leader")
    page.goto(f"{site.url}{profile.url}")
    screenshot(page, "people-leader-profile-empty")
    page.get_by_test_id("post-update").click()
    page.get_by_label("Headline").fill("What I heard on the phones")
    page.get_by_label("Update", exact=True).fill(
        "Three calls out of ten were about delivery times. We fix that first."
    )
    page.get_by_test_id("update-submit").click()
    page.wait_for_url(re.compile(r"/people/laura-bennett/what-i-heard-on-the-phones/$"))
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "What I heard on the phones"
    )
    assert page.get_by_text("Your update is published.").is_visible()
    screenshot(page, "people-leader-update-posted")

    # Staff see it highlighted on the home page and ask a question.
    staff_context = browser.new_context(viewport={"width": 1280, "height": 900})
    staff_page = staff_context.new_page()
    staff_page.set_default_timeout(10_000)
    sign_in(staff_page, site.url, staff.username)
    highlight = staff_page.get_by_test_id("home-leader-updates")
    assert highlight.is_visible()
    assert "What I heard on the phones" in highlight.inner_text()
    screenshot(staff_page, "people-home-highlight")
    highlight.get_by_role("link", name="What I heard on the phones").click()
    # Each click on a link loads a page: wait for it, or the text typed next goes
    # into the page being left.
    staff_page.wait_for_url(re.compile(r"/what-i-heard-on-the-phones/$"))
    staff_page.get_by_label("Your comment").fill(
        "Will the confirmation e-mail say when the courier comes?"
    )
    staff_page.get_by_label("Ask this as a question").check()
    staff_page.get_by_test_id("comment-submit").click()
    staff_page.wait_for_url(re.compile(r"#c\d+$"))
    assert staff_page.get_by_test_id("question-open").is_visible()
    assert staff_page.get_by_test_id("comment-question-open").is_visible()
    screenshot(staff_page, "people-question-asked")
    staff_context.close()

    # The leader sees the open question on the profile, answers it, and it shows
    # as answered.
    page.goto(f"{site.url}{profile.url}")
    open_question = page.get_by_test_id("open-question")
    assert "courier" in open_question.inner_text()
    open_question.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/what-i-heard-on-the-phones/"))
    question = page.get_by_test_id("comment").filter(has_text="courier").first
    question.get_by_test_id("reply").click()
    page.wait_for_url(re.compile(r"reply_to=\d+"))
    page.get_by_label("Your comment").fill("Yes: the time window goes in first.")
    page.get_by_test_id("comment-submit").click()
    page.wait_for_url(re.compile(r"#c\d+$"))
    assert page.get_by_test_id("question-answered").is_visible()
    assert page.get_by_test_id("question-open").count() == 0
    assert page.get_by_test_id("comment-question-answered").is_visible()
    screenshot(page, "people-question-answered")

    page.goto(f"{site.url}{profile.url}")
    assert page.get_by_test_id("no-open-questions").is_visible()
    assert page.get_by_test_id("update-card").count() == 1
    screenshot(page, "people-leader-profile")

    page.goto(f"{site.url}/people/")
    assert page.get_by_test_id("leader-card").count() == 1
    screenshot(page, "people-directory")


def _photo_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "#0f7b6c").save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_profile_photo_is_a_picture_with_change_and_remove_at_any_width(page, site):
    from django.core.files.uploadedfile import SimpleUploadedFile

    person = UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    person.intranet_profile.photo = SimpleUploadedFile(
        "sam.png", _photo_png(), "image/png"
    )
    person.intranet_profile.save()
    sign_in(page, site.url, "sam")
    for width in (1280, 360, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site.url}/accounts/profile/")
        assert page.get_by_test_id("current-photo").is_visible()
        assert "people/photos/" not in page.get_by_test_id("photo-input").inner_text()
        assert page.get_by_label("Change", exact=False).first.is_visible()
        screenshot(page, f"people-profile-photo-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_test_id("photo-remove").check()
    screenshot(page, "people-profile-photo-remove-ticked-320")
    page.get_by_test_id("profile-save").click()
    assert page.get_by_text("Your profile has been saved.").is_visible()
    assert page.get_by_test_id("current-photo").count() == 0
    screenshot(page, "people-profile-photo-removed-320")


def test_staff_ask_on_a_leaders_profile_and_the_leader_answers_there(
    browser, page, site
):
    UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    leader = UserFactory(username="laura", first_name="Laura", last_name="Bennett")
    profile = LeaderProfilePageFactory(
        parent=site.people, user=leader, slug="laura-bennett"
    )
    sign_in(page, site.url, "sam")
    page.goto(f"{site.url}{profile.url}")
    page.get_by_label("Your question").fill("When do we hear about the new offices?")
    page.get_by_test_id("ask-submit").click()
    page.wait_for_url(re.compile(r"#c\d+$"))
    assert page.get_by_test_id("comment-question-open").is_visible()
    assert page.get_by_test_id("open-question").count() == 1
    screenshot(page, "people-profile-question-asked-1280")
    page.set_viewport_size({"width": 360, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "people-profile-question-asked-360")

    leader_context = browser.new_context(viewport={"width": 1280, "height": 900})
    leader_page = leader_context.new_page()
    leader_page.set_default_timeout(10_000)
    sign_in(leader_page, site.url, "laura")
    assert leader_page.get_by_test_id("home-question").is_visible()
    leader_page.get_by_test_id("home-question").get_by_role("link").click()
    leader_page.get_by_test_id("reply").first.click()
    leader_page.get_by_label("Your comment").fill("In the spring town hall.")
    leader_page.get_by_test_id("comment-submit").click()
    leader_page.wait_for_url(re.compile(r"#c\d+$"))
    assert leader_page.get_by_test_id("comment-question-answered").is_visible()
    assert leader_page.get_by_test_id("no-open-questions").is_visible()
    screenshot(leader_page, "people-profile-question-answered-1280")
    leader_context.close()


def test_a_notifications_time_sits_under_its_sentence_on_a_phone(page, site):
    from intranet.social.models import Kind, Notification
    from tests.factories import BlogPostPageFactory

    reader = UserFactory(username="sam", first_name="Sam", last_name="Okafor")
    writer = UserFactory(username="priya", first_name="Priya", last_name="Raman")
    post = BlogPostPageFactory(
        parent=site.blog, title="How the new holiday calendar works for every team"
    )
    for kind in (Kind.COMMENT, Kind.REPLY, Kind.MENTION):
        Notification.objects.create(
            recipient=reader, kind=kind, actor=writer, page_id=post.pk
        )
    sign_in(page, site.url, "sam")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site.url}/social/notifications/")
        first = page.get_by_test_id("notification").first
        sentence = first.locator(".notification__link").bounding_box()
        time = first.get_by_test_id("notification-time").bounding_box()
        assert time["y"] >= sentence["y"] + sentence["height"] - 1
        assert sentence["height"] < 5 * 27  # a few lines, not seven or eight
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"social-notifications-{width}")
