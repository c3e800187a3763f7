import re

from tests.browser.conftest import screenshot, sign_in
from tests.factories import BlogPostPageFactory, UserFactory, comment_on


def test_staff_comment_reply_and_like_on_a_post(page, site):
    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    laura = UserFactory(
        username="laura",
        first_name="Laura",
        last_name="Bennett",
        job_title="Chief executive",
    )
    post = BlogPostPageFactory(
        parent=site.blog,
        title="A question from Laura: what slows you down?",
        slug="what-slows-you-down",
        standfirst="Tell me the one thing that costs you the most time.",
        authors=[laura],
        tag_names=["leadership"],
    )
    comment_on(post, laura, "I will read every answer and reply here.")

    sign_in(page, site.url, "staff")
    page.get_by_test_id("nav-blog").click()
    page.get_by_role("link", name=post.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == post.title

    page.get_by_label("Your comment").fill(
        "The travel expense form asks for every receipt three times."
    )
    page.get_by_test_id("comment-submit").click()
    page.wait_for_url(re.compile(r"#c\d+$"))
    assert page.get_by_text("The travel expense form asks").is_visible()

    lauras = page.get_by_test_id("comment").filter(has_text="I will read every answer")
    lauras.get_by_test_id("reply").first.click()
    page.get_by_label("Your comment").fill("Thank you for asking, Laura.")
    page.get_by_test_id("comment-submit").click()
    page.wait_for_url(re.compile(r"#c\d+$"))
    reply = page.locator(".comment-list--replies").get_by_text(
        "Thank you for asking, Laura."
    )
    assert reply.is_visible()

    lauras = (
        page.get_by_test_id("comment").filter(has_text="I will read every answer").first
    )
    assert lauras.get_by_test_id("like-count").count() == 0
    lauras.get_by_test_id("like").first.click()
    lauras = (
        page.get_by_test_id("comment").filter(has_text="I will read every answer").first
    )
    assert lauras.get_by_test_id("like-count").first.inner_text() == "1 like"
    assert lauras.get_by_test_id("like").first.get_attribute("aria-pressed") == "true"

    page.get_by_test_id("react-celebrate").click()
    page.wait_for_selector('[data-testid="react-celebrate"][aria-pressed="true"]')
    assert (
        page.get_by_test_id("react-celebrate").get_attribute("aria-pressed") == "true"
    )
    screenshot(page, "blog-post-conversation")


def test_an_edit_saved_after_the_window_comes_back_with_its_text_and_why(browser, site):
    from django.utils import timezone

    from intranet.social.models import Comment
    from intranet.social.services import EDIT_WINDOW

    sam = UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    post = BlogPostPageFactory(parent=site.blog, title="Town hall", slug="town-hall")
    mine = comment_on(post, sam, "See you tomorow.")
    for width in (1280, 360):
        page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        sign_in(page, site.url, "staff")
        page.goto(f"{site.url}/social/comments/{mine.pk}/edit/")
        page.get_by_label("Your comment").fill("See you tomorrow, in room 4.")
        Comment.objects.filter(pk=mine.pk).update(
            submit_date=timezone.now() - EDIT_WINDOW - timezone.timedelta(minutes=1)
        )
        page.get_by_test_id("action-submit").click()
        assert (
            "Your change was not saved"
            in page.get_by_test_id("form-errors").inner_text()
        )
        assert (
            page.get_by_label("Your unsaved text").input_value()
            == "See you tomorrow, in room 4."
        )
        screenshot(page, f"comment-edit-too-late-{width}")
        Comment.objects.filter(pk=mine.pk).update(submit_date=timezone.now())
        page.context.close()
    assert Comment.objects.get(pk=mine.pk).comment == "See you tomorow."


def long_conversation(site):
    """A post with 60 threads of a comment and a reply each, oldest first."""
    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    people = [
        UserFactory(first_name="Laura", last_name="Bennett"),
        UserFactory(first_name="Mikko", last_name="Laine"),
    ]
    post = BlogPostPageFactory(
        parent=site.blog,
        title="Our office moves in May",
        slug="office-move",
        authors=[people[0]],
        tag_names=["facilities"],
    )
    for n in range(60):
        root = comment_on(post, people[n % 2], f"Thread {n} opens the question")
        comment_on(post, people[(n + 1) % 2], f"Thread {n} answer", parent=root)
    return post


def test_liking_deep_in_an_older_window_without_javascript_lands_on_that_window(
    browser, site
):
    post = long_conversation(site)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, site.url, "staff")
    page.goto(f"{site.url}{post.url}")
    page.get_by_test_id("earlier-comments").click()
    page.wait_for_url(re.compile(r"\?before=\d+#conversation$"))
    thread = page.get_by_test_id("comment").filter(has_text="Thread 12 opens").first
    thread.get_by_test_id("like").first.click()
    page.wait_for_url(re.compile(r"/office-move/\?before=\d+#c\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    liked = page.locator(f"#{anchor}")
    assert "Thread 12 opens the question" in liked.inner_text()
    assert liked.get_by_test_id("like").first.get_attribute("aria-pressed") == "true"
    assert liked.get_by_test_id("like-count").first.inner_text() == "1 like"
    assert page.get_by_test_id("comment").count() == 50
    assert page.get_by_text("Thread 59 opens the question").count() == 0
    assert page.get_by_text("Thread 9 opens the question").count() == 0
    assert page.get_by_test_id("later-comments").is_visible()
    screenshot(page, "conversation-older-window-no-js")
    page.set_viewport_size({"width": 360, "height": 740})
    liked.scroll_into_view_if_needed()
    screenshot(page, "conversation-older-window-no-js-360")
    context.close()


def test_with_javascript_like_react_and_follow_update_in_place(page, site):
    post = long_conversation(site)
    sign_in(page, site.url, "staff")
    page.goto(f"{site.url}{post.url}")
    page.get_by_test_id("earlier-comments").click()
    page.wait_for_url(re.compile(r"\?before=\d+#conversation$"))
    window_url = page.url
    page.evaluate("window.stayedOnThePage = true")

    thread = page.get_by_test_id("comment").filter(has_text="Thread 20 opens").first
    like = thread.get_by_test_id("like").first
    assert like.get_attribute("aria-pressed") == "false"
    like.click()
    page.wait_for_function(
        "el => el.getAttribute('aria-pressed') === 'true'", arg=like.element_handle()
    )
    assert like.inner_text().startswith("Liked")
    assert thread.get_by_test_id("like-count").first.inner_text() == "1 like"
    status = page.get_by_test_id("live-status")
    page.wait_for_function(
        "el => el.textContent.includes('You like the comment by')",
        arg=status.element_handle(),
    )
    assert page.url == window_url
    assert page.evaluate("window.stayedOnThePage") is True
    assert like.evaluate("el => el === document.activeElement")

    celebrate = page.get_by_test_id("react-celebrate")
    celebrate.click()
    page.wait_for_function(
        "el => el.getAttribute('aria-pressed') === 'true'",
        arg=celebrate.element_handle(),
    )
    assert celebrate.locator(".reaction__count").inner_text() == "1"
    page.wait_for_function(
        "el => el.textContent.includes('Celebrate')", arg=status.element_handle()
    )

    follow = page.get_by_test_id("tag-follow").first
    assert follow.inner_text().startswith("Follow")
    follow.click()
    page.wait_for_function(
        "el => el.innerText.startsWith('Unfollow')", arg=follow.element_handle()
    )
    assert page.evaluate("window.stayedOnThePage") is True
    assert page.url == window_url
    like.scroll_into_view_if_needed()
    screenshot(page, "conversation-like-in-place")
    page.set_viewport_size({"width": 360, "height": 740})
    screenshot(page, "conversation-like-in-place-360")

    page.reload()
    thread = page.get_by_test_id("comment").filter(has_text="Thread 20 opens").first
    assert thread.get_by_test_id("like").first.get_attribute("aria-pressed") == "true"
    assert page.get_by_test_id("tag-follow").first.inner_text().startswith("Unfollow")


def test_a_picture_whose_rendition_is_not_made_yet_still_shows(page, site, media):
    """The post links it to Wagtail's rendition view, which makes it as the browser
    asks for it."""
    from wagtail.images import get_image_model

    from tests.factories import ImageFactory

    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    post = BlogPostPageFactory(
        parent=site.blog, slug="by-the-lake", featured_image=ImageFactory()
    )
    rendition = get_image_model().get_rendition_model()
    rendition.objects.all().delete()  # as if the upload's task had not run yet
    sign_in(page, site.url, "staff")
    page.goto(site.url + post.url)
    picture = page.locator(".post__image img")
    assert picture.get_attribute("src").startswith("/images/")
    picture.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.post__image img').complete")
    assert picture.evaluate("img => img.naturalWidth") == 1200
    assert rendition.objects.filter(filter_spec="width-1200").exists()
    screenshot(page, "blog-post-picture-from-the-rendition-view")
