from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from wagtail.models import WorkflowPage

from guidelines.models import GuidelinePage, GuidelinesHubPage, TrainingModulePage
from intranet import setup
from intranet.guidelines.models import ChangeLogEntry, Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("intranet_load_demo", stdout=StringIO())


def test_demo_has_a_short_policy_behind_the_approval_workflow(demo):
    policy = GuidelinePage.objects.get(slug="social-media-policy")
    assert (policy.kind, policy.must_read, policy.version) == (Kind.POLICY, True, 1)
    assert WorkflowPage.objects.get(page=policy).workflow.name == "Policy approval"
    admin = User.objects.get(username="admin")
    assert admin.groups.filter(name=setup.POLICY_APPROVERS).exists()
    assert len(policy.body) < 10  # small is the point
    assert ChangeLogEntry.objects.filter(page=policy, version=1).exists()


def test_demo_has_the_four_principles_the_social_why_and_a_how_to(demo):
    principles = GuidelinePage.objects.get(kind=Kind.PRINCIPLES)
    titles = [b.value["title"] for b in principles.body if b.block_type == "principle"]
    assert titles == [
        "Communicate with your audience in the places they already are",
        "Use social media to consult, engage and inform",
        "Use social media to be more transparent and accountable",
        "Be part of the conversation, with all the benefits that brings",
    ]
    hub = GuidelinesHubPage.objects.get()
    assert "Northwind" in hub.why
    assert len(hub.goals) >= 3
    assert GuidelinePage.objects.get(kind=Kind.HOWTO).title == "Starting on LinkedIn"


def test_demo_ambassador_training_has_a_five_question_check(demo):
    module = TrainingModulePage.objects.get()
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
