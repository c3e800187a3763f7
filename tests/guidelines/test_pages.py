import json

import pytest
from django.urls import reverse

from guidelines.models import GuidelinePage
from intranet.guidelines.models import ChangeLogEntry, Kind
from intranet.social.models import ExternalChannel, Network
from tests.factories import (
    GuidelinePageFactory,
    TrainingModulePageFactory,
    UserFactory,
    publish_change,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(tree):
    hub = tree.guidelines
    hub.why = "<p>Our customers are already there.</p>"
    hub.goals = [
        ("goal", {"title": "Be easy to reach", "description": "Answers within a day."})
    ]
    hub.save_revision().publish()
    return hub


def test_hub_groups_guidelines_by_kind_and_lists_training(staff_client, hub):
    GuidelinePageFactory(parent=hub, title="Social media policy", policy=True)
    GuidelinePageFactory(parent=hub, title="Our principles", kind=Kind.PRINCIPLES)
    GuidelinePageFactory(parent=hub, title="Starting on LinkedIn", kind=Kind.HOWTO)
    TrainingModulePageFactory(parent=hub, title="Ambassador training")
    response = staff_client.get("/guidelines/")
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g["kind"] for g in groups] == ["policy", "principles", "howto", "training"]
    assert [i.title for i in groups[-1]["items"]] == ["Ambassador training"]
    text = response.content.decode()
    assert "Why we are on social media" in text
    assert "Be easy to reach" in text
    assert "Waiting for you" in text


def test_hub_shows_what_changed_recently_newest_first(staff_client, hub):
    policy = GuidelinePageFactory(parent=hub, title="Social media policy", policy=True)
    publish_change(policy, "Added a section on live video.")
    response = staff_client.get("/guidelines/")
    changes = list(response.context["recent_changes"])
    assert [c.summary for c in changes] == [
        "Added a section on live video.",
        "First published.",
    ]
    assert "Added a section on live video." in response.content.decode()


def test_hub_shows_the_official_channels_in_detail(staff_client, hub):
    ExternalChannel.objects.create(
        network=Network.LINKEDIN,
        name="Northwind",
        url="https://www.linkedin.com/company/example",
        owner="Communications",
        purpose="News and jobs.",
    )
    text = staff_client.get("/guidelines/").content.decode()
    assert "Where we are" in text
    assert "News and jobs." in text
    assert "Run by Communications" in text


def test_search_within_the_guidelines_finds_only_guidelines(staff_client, hub, tree):
    GuidelinePageFactory(
        parent=hub,
        title="Starting on LinkedIn",
        summary="Set up your LinkedIn profile.",
    )
    GuidelinePageFactory(parent=hub, title="Photos", summary="What you may photograph.")
    response = staff_client.get("/guidelines/", {"q": "linkedin"})
    titles = [r.title for r in response.context["search_results"]]
    assert titles == ["Starting on LinkedIn"]
    assert 'data-testid="guidelines-results"' in response.content.decode()


def test_search_with_nothing_found_says_so(staff_client, hub):
    response = staff_client.get("/guidelines/", {"q": "zeppelin"})
    assert "Nothing in the guidelines matches" in response.content.decode()


def test_guideline_page_renders_the_guidance_blocks(staff_client, hub):
    page = GuidelinePageFactory(parent=hub, title="Photos")
    text = staff_client.get(page.url).content.decode()
    assert (
        '<span class="principle__number">1</span> Be part of the conversation' in text
    )
    assert "OK to share" in text and "Not OK to share" in text
    assert "<details" in text and "<summary" in text
    assert 'data-testid="change-log"' in text
    assert "First published." in text


def test_guideline_shows_its_owner_version_and_review_date(staff_client, hub):
    owner = UserFactory(first_name="Elina", last_name="Virtanen")
    page = GuidelinePageFactory(parent=hub, owner_person=owner)
    text = staff_client.get(page.url).content.decode()
    assert "Elina Virtanen" in text
    assert f"{page.review_date:%-d %B %Y}" in text
    assert 'data-testid="guideline-version">1<' in text


def test_a_guideline_needs_an_owner_and_a_substantive_change_needs_a_summary(hub):
    from django.core.exceptions import ValidationError

    page = GuidelinePage(title="x", slug="x", summary="s", body="[]")
    with pytest.raises(ValidationError) as owner_error:
        page.clean()
    assert "owner_person" in owner_error.value.message_dict
    page.owner_person = UserFactory()
    page.change_type = "substantive"
    with pytest.raises(ValidationError) as summary_error:
        page.clean()
    assert "change_summary" in summary_error.value.message_dict


def test_anonymous_visitors_are_sent_to_login_from_every_guidelines_address(
    client, hub
):
    page = GuidelinePageFactory(parent=hub, policy=True)
    module = TrainingModulePageFactory(parent=hub)
    for method, url in [
        ("get", "/guidelines/"),
        ("get", "/guidelines/mine/"),
        ("get", page.url),
        ("post", page.url + "acknowledge/"),
        ("post", module.url + "check/"),
        ("post", module.url + "lessons/lesson-1/done/"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("intranet:login")), url
    assert not ChangeLogEntry.objects.filter(version__gt=1).exists()


def test_guidelines_under_a_group_restriction_are_hidden_from_others(staff_client, hub):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    secret = GuidelinePageFactory(parent=hub, title="Board only", policy=True)
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    response = staff_client.get("/guidelines/")
    assert "Board only" not in response.content.decode()
    assert staff_client.get(secret.url).status_code == 404
    assert staff_client.post(secret.url + "acknowledge/").status_code == 404


def test_hub_costs_a_fixed_number_of_queries(
    staff_client, hub, django_assert_max_num_queries
):
    """The hub lists every guideline, module and recent change in a fixed number of
    queries: forty guidelines cost what two do."""
    for n in range(2):
        GuidelinePageFactory(parent=hub, policy=bool(n % 2))
    staff_client.get("/guidelines/")
    with django_assert_max_num_queries(22) as few:
        staff_client.get("/guidelines/")
    for n in range(38):
        GuidelinePageFactory(parent=hub, policy=bool(n % 2))
    TrainingModulePageFactory(parent=hub)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get("/guidelines/")


def test_guideline_page_costs_a_fixed_number_of_queries(
    staff_client, hub, django_assert_max_num_queries
):
    """A guideline page with its change log and the reader's acknowledgement costs
    the same with one change as with twenty, and with one reader as with fifty."""
    page = GuidelinePageFactory(parent=hub, policy=True)
    staff_client.get(page.url)
    with django_assert_max_num_queries(20) as few:
        staff_client.get(page.url)
    for n in range(20):
        page = publish_change(page, f"Change {n}", substantive=bool(n % 2))
    UserFactory.create_batch(50)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(page.url)
    assert len(response.context["change_log"]) == 21


def test_a_guideline_shows_its_facts_contents_and_siblings_beside_it(
    staff_client, tree
):
    policy = GuidelinePageFactory(
        parent=tree.guidelines,
        title="Social media policy",
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "Why we share", "size": "h2"}},
                {"type": "heading", "value": {"text": "A detail", "size": "h3"}},
            ]
        ),
    )
    sibling = GuidelinePageFactory(parent=tree.guidelines, title="Tone of voice")
    html = staff_client.get(policy.url).content.decode()
    start = html.index('data-testid="page-aside"')
    aside = html[start : html.index("</aside>", start)]
    assert 'data-testid="guideline-version"' in aside
    assert 'href="#section-why-we-share"' in aside
    assert 'id="section-why-we-share"' in html
    assert "A detail" not in aside
    assert sibling.title in aside and policy.title not in aside
