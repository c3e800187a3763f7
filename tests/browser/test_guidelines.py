"""A member of staff reads and acknowledges the policy; an editor publishes a
substantive change through approval; the policy is waiting again, with what changed."""

import pytest
from wagtail.models import WorkflowState

from guidelines.models import GuidelinePage
from intranet import setup
from intranet.guidelines.models import Acknowledgement
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, GuidelinePageFactory, UserFactory


@pytest.fixture
def people(site):
    setup.group(setup.EDITORS, home=site.home)
    setup.policy_workflow()
    return {
        "staff": UserFactory(username="staff", first_name="Sam", last_name="Okafor"),
        "editor": UserFactory(
            username="editor",
            first_name="Elina",
            last_name="Virtanen",
            groups=[setup.EDITORS],
        ),
        "approver": UserFactory(username="approver", groups=[setup.POLICY_APPROVERS]),
    }


@pytest.fixture
def policy(site, people):
    return GuidelinePageFactory(
        parent=site.guidelines,
        title="Social media policy",
        slug="social-media-policy",
        summary="Five rules for talking about your work on social media.",
        owner_person=people["editor"],
        policy=True,
    )


def sign_in(page, url, username):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(f"{url}/")


def sign_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()


def test_staff_acknowledge_the_policy_and_are_asked_again_after_a_substantive_change(
    page, site, people, policy
):
    url = site.url
    # Staff read the policy and acknowledge it.
    sign_in(page, url, "staff")
    assert page.get_by_test_id("home-guidelines").is_visible()
    screenshot(page, "guidelines-home-waiting")
    page.get_by_test_id("home-waiting-social-media-policy").click()
    page.wait_for_url(f"{url}/guidelines/social-media-policy/")
    assert page.get_by_role("heading", level=1).inner_text() == "Social media policy"
    screenshot(page, "guidelines-policy-to-read")
    page.get_by_test_id("acknowledge").click()
    assert page.get_by_test_id("acknowledged").is_visible()
    assert "acknowledged version 1" in page.locator(".messages").inner_text()
    screenshot(page, "guidelines-policy-acknowledged")
    assert Acknowledgement.objects.filter(user=people["staff"], version=1).exists()
    page.goto(f"{url}/")
    assert page.get_by_test_id("home-guidelines").count() == 0
    sign_out(page)

    # The editor makes a substantive change and submits it for approval.
    sign_in(page, url, "editor")
    page.goto(f"{url}/admin/pages/{policy.pk}/edit/")
    page.get_by_label("Substantive").check()
    page.get_by_label("What changed").fill(
        "Live video now needs a second pair of eyes before you go live."
    )
    screenshot(page, "guidelines-editor-substantive-change")
    submit = page.locator('button[name="action-submit"]')
    if not submit.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    submit.click()
    page.wait_for_load_state()
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert GuidelinePage.objects.get(pk=policy.pk).version == 1  # not yet live
    sign_out_url = f"{url}/admin/"
    page.goto(sign_out_url)

    # The policy approver approves it: the new version goes live.
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["approver"], "approve")
    assert GuidelinePage.objects.get(pk=policy.pk).version == 2
    page.context.clear_cookies()

    # Staff see the policy waiting again, with what changed.
    sign_in(page, url, "staff")
    assert page.get_by_test_id("home-guidelines").is_visible()
    assert (
        "Changed since you read it"
        in page.get_by_test_id("home-guidelines").inner_text()
    )
    screenshot(page, "guidelines-home-waiting-again")
    page.get_by_test_id("home-waiting-social-media-policy").click()
    changed = page.get_by_test_id("changed-since")
    assert "Live video now needs a second pair of eyes" in changed.inner_text()
    assert page.get_by_test_id("acknowledge").is_visible()
    assert page.get_by_test_id("guideline-version").inner_text() == "2"
    screenshot(page, "guidelines-policy-changed")
    page.goto(f"{url}/guidelines/mine/")
    assert "Live video now needs" in page.get_by_test_id("my-waiting").inner_text()
    screenshot(page, "guidelines-mine")


def test_the_hub_and_a_guideline_work_at_360_pixels_wide(page, site, people, policy):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, site.url, "staff")
    for path, name in [
        ("/guidelines/", "guidelines-hub-mobile"),
        ("/guidelines/social-media-policy/", "guidelines-policy-mobile"),
    ]:
        page.goto(site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(page, name)
