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
    assert (
        page.get_by_test_id("react-celebrate").get_attribute("aria-pressed") == "true"
    )
    screenshot(page, "blog-post-conversation")


def test_an_edit_saved_after_the_window_comes_back_with_its_text_and_why(browser, site):
    from django.utils import timezone

    from social.models import Comment
    from social.services import EDIT_WINDOW

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
