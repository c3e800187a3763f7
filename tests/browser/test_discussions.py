import re

from tests.browser.conftest import screenshot, sign_in
from tests.factories import UserFactory


def test_a_thread_with_a_poll_is_voted_on_answered_and_marked(browser, site):
    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    UserFactory(username="leader", first_name="Laura", last_name="Bennett")

    sam = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(sam, site.url, "staff")
    sam.get_by_test_id("nav-discussions").click()
    sam.get_by_test_id("start-thread").click()
    sam.get_by_label("Title").fill(
        "Should communicators use tools they do not use themselves?"
    )
    sam.get_by_label("What you want to say").fill("Honest answers welcome.")
    sam.get_by_label("Topics").fill("social media")
    sam.locator("summary", has_text="Add a poll").click()
    sam.get_by_label("Poll question").fill("Do you use the tools you recommend?")
    sam.get_by_label("Options, one per line").fill(
        "Yes, always\nAt least a little\nNot necessarily"
    )
    sam.get_by_label("Show results").select_option("always")
    screenshot(sam, "discussions-start-thread")
    sam.get_by_test_id("thread-submit").click()
    sam.wait_for_url(re.compile(r"/discussions/should-communicators"))
    thread_url = sam.url

    laura = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(laura, site.url, "leader")
    laura.goto(thread_url)
    laura.get_by_label("At least a little").check()
    laura.get_by_test_id("vote").click()
    assert laura.get_by_test_id("receipt").inner_text()  # a secret ballot's receipt
    screenshot(laura, "discussions-poll-receipt")
    laura.get_by_test_id("poll-back").click()
    assert "1 vote, 100%" in laura.get_by_test_id("poll-results").inner_text()
    laura.get_by_label("Your comment").fill("At least a little: reading is using, too.")
    laura.get_by_test_id("comment-submit").click()
    laura.wait_for_url(re.compile(r"#c\d+$"))

    sam.goto(thread_url)
    reply = sam.get_by_test_id("comment").filter(has_text="reading is using")
    reply.get_by_test_id("mark-answer").click()
    answer = sam.get_by_test_id("answer")
    assert "reading is using, too." in answer.inner_text()
    assert "Laura Bennett" in answer.inner_text()
    screenshot(sam, "discussions-answered-thread")


def test_options_typed_without_a_question_come_back_kept_then_publish_the_poll(
    browser, site
):
    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    for width in (1280, 360):
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        sign_in(page, site.url, "staff")
        page.goto(f"{site.url}/threads/new/")
        page.get_by_label("Title").fill(f"Lunch talks at {width}?")
        page.get_by_label("What you want to say").fill("Once a month, on Fridays.")
        page.locator("summary", has_text="Add a poll").click()
        page.get_by_label("Options, one per line").fill("Yes\nNo\n  yes ")
        page.get_by_test_id("thread-submit").click()

        assert page.get_by_test_id("poll-fields").get_attribute("open") is not None
        errors = page.locator(".field__error").all_inner_texts()
        assert "Type the poll's question, or clear its options." in errors
        assert "Two options say “yes”: make each option different." in errors
        assert page.get_by_label("Options, one per line").input_value() == (
            "Yes\nNo\n  yes "
        )
        assert page.get_by_label("Title").input_value() == f"Lunch talks at {width}?"
        screenshot(page, f"discussions-poll-errors-{width}")

        page.get_by_label("Poll question").fill("Shall we start lunch talks?")
        page.get_by_label("Options, one per line").fill("Yes\nNo")
        page.get_by_test_id("thread-submit").click()
        page.wait_for_url(re.compile(r"/discussions/lunch-talks"))
        poll = page.get_by_test_id("poll")
        assert "Shall we start lunch talks?" in poll.inner_text()
        assert page.get_by_test_id("poll-option").count() == 2
        screenshot(page, f"discussions-poll-published-{width}")
        page.context.close()
