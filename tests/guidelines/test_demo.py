from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from wagtail.models import Locale, WorkflowPage

from guidelines.models import GuidelinePage, GuidelinesHubPage, TrainingModulePage
from intranet import setup
from intranet.guidelines.models import ChangeLogEntry, Kind

pytestmark = pytest.mark.django_db
# The demo's pages as written; some are also in Finnish, with the same slugs.
ENGLISH = {"locale__language_code": "en"}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("intranet_load_demo", stdout=StringIO())


def test_demo_has_a_short_policy_behind_the_approval_workflow(demo):
    policy = GuidelinePage.objects.get(slug="social-media-policy", **ENGLISH)
    assert (policy.kind, policy.must_read, policy.version) == (Kind.POLICY, True, 1)
    assert WorkflowPage.objects.get(page=policy).workflow.name == "Policy approval"
    admin = User.objects.get(username="admin")
    assert admin.groups.filter(name=setup.POLICY_APPROVERS).exists()
    assert len(policy.body) < 10  # small is the point
    assert ChangeLogEntry.objects.filter(page=policy, version=1).exists()


def test_demo_has_the_four_principles_the_social_why_and_a_how_to(demo):
    principles = GuidelinePage.objects.get(kind=Kind.PRINCIPLES, **ENGLISH)
    titles = [b.value["title"] for b in principles.body if b.block_type == "principle"]
    assert titles == [
        "Communicate with your audience in the places they already are",
        "Use social media to consult, engage and inform",
        "Use social media to be more transparent and accountable",
        "Be part of the conversation, with all the benefits that brings",
    ]
    hub = GuidelinesHubPage.objects.get(**ENGLISH)
    assert "Northwind" in hub.why
    assert len(hub.goals) >= 3
    howto = GuidelinePage.objects.get(kind=Kind.HOWTO, **ENGLISH)
    assert howto.title == "Starting on LinkedIn"


def test_demo_ambassador_training_has_a_five_question_check(demo):
    module = TrainingModulePage.objects.get(**ENGLISH)
    assert module.required_for_ambassadors
    assert len(module.questions) == 5
    assert all(
        sum(a["correct"] for a in q.value["answers"]) == 1 for q in module.questions
    )


def test_running_the_demo_again_adds_no_guidelines(demo, settings):
    counts = (GuidelinePage.objects.count(), ChangeLogEntry.objects.count())
    out = StringIO()
    call_command("intranet_load_demo", stdout=out)
    assert "Nothing to add" in out.getvalue()
    assert (GuidelinePage.objects.count(), ChangeLogEntry.objects.count()) == counts


def test_every_demo_guideline_page_renders_for_staff(demo, client):
    client.force_login(User.objects.get(username="staff"))
    pages = ["/guidelines/", "/guidelines/mine/"] + [
        p.url for p in [*GuidelinePage.objects.all(), *TrainingModulePage.objects.all()]
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url


def finnish(page):
    return page.get_translation(Locale.objects.get(language_code="fi"))


def test_the_finnish_policy_is_a_must_read_behind_the_approval_workflow_too(demo):
    policy = GuidelinePage.objects.get(slug="social-media-policy", **ENGLISH)
    translation = finnish(policy)
    assert (translation.kind, translation.must_read, translation.version) == (
        Kind.POLICY,
        True,
        1,
    )
    assert WorkflowPage.objects.get(page=translation).workflow.name == "Policy approval"
    assert translation.owner_person == policy.owner_person
    entry = ChangeLogEntry.objects.get(page=translation)
    assert (entry.version, entry.summary) == (1, "Ensimmäinen julkaisu.")


def test_the_finnish_training_asks_the_same_questions_in_finnish(demo):
    module = TrainingModulePage.objects.get(**ENGLISH)
    translation = finnish(module)
    assert (translation.pass_mark, translation.required_for_ambassadors) == (
        module.pass_mark,
        module.required_for_ambassadors,
    )
    assert len(translation.lessons) == len(module.lessons)
    for ours, theirs in zip(translation.lessons, module.lessons, strict=True):
        assert ours.value["title"] != theirs.value["title"]
    assert len(translation.questions) == len(module.questions) == 5
    for ours, theirs in zip(translation.questions, module.questions, strict=True):
        assert ours.value["question"] != theirs.value["question"]
        pairs = zip(ours.value["answers"], theirs.value["answers"], strict=True)
        for answer, original in pairs:
            assert answer["correct"] == original["correct"]
            assert answer["text"] != original["text"]
            assert answer["explanation"] != original["explanation"]
