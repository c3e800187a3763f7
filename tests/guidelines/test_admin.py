"""The guidelines in the Wagtail admin: who may edit, how a policy is approved."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from guidelines.models import GuidelinePage
from intranet import setup
from intranet.guidelines.models import ChangeLogEntry, Kind
from tests.factories import GuidelinePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def access_admin():
    return Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


@pytest.fixture
def editors(tree):
    return setup.group(setup.EDITORS, home=tree.home)


@pytest.fixture
def editor(editors):
    return UserFactory(username="editor", groups=[setup.EDITORS])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def approver(tree):
    setup.policy_workflow()
    return UserFactory(username="approver", groups=[setup.POLICY_APPROVERS])


@pytest.fixture
def policy(tree, approver):
    return GuidelinePageFactory(
        parent=tree.guidelines, title="Social media policy", policy=True
    )


def edit_data(page, action, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "summary": page.summary,
        "body": streamfield([("paragraph", rich_text("<p>The new rules.</p>"))]),
        "owner_person": page.owner_person_id,
        "review_date": page.review_date.isoformat(),
        "change_type": "substantive",
        "change_summary": "Live video needs a second pair of eyes.",
        "comments": inline_formset([]),
        action: "on",
    }
    if page.must_read:
        data["must_read"] = "on"
    data.update(changes)
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_staff_cannot_open_or_post_the_admin_edit_view_of_a_guideline(
    staff_client, policy
):
    response = staff_client.get(edit_url(policy))
    assert response.status_code == 403
    response = staff_client.post(edit_url(policy), edit_data(policy, "action-publish"))
    assert response.status_code == 403
    response = staff_client.post(
        edit_url(policy),
        edit_data(policy, "action-publish"),
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 403
    policy.refresh_from_db()
    assert (policy.version, policy.latest_revision_id) == (1, policy.live_revision_id)


def test_admin_users_without_page_permissions_cannot_edit_guidelines(client, policy):
    leader = UserFactory(username="leader", groups=[setup.LEADERS])
    Group.objects.get(name=setup.LEADERS).permissions.add(access_admin())
    client.force_login(leader)
    response = client.post(edit_url(policy), edit_data(policy, "action-publish"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    policy.refresh_from_db()
    assert policy.version == 1


def test_an_editor_publishes_a_how_to_with_a_substantive_change(editor_client, tree):
    howto = GuidelinePageFactory(parent=tree.guidelines, must_read=True)
    response = editor_client.post(edit_url(howto), edit_data(howto, "action-publish"))
    assert response.status_code == 302
    howto = GuidelinePage.objects.get(pk=howto.pk)
    assert howto.version == 2
    assert howto.change_log.first().summary == "Live video needs a second pair of eyes."
    assert howto.change_log.first().published_by.username == "editor"
    # The next edit starts as an editorial change with nothing filled in.
    form = editor_client.get(edit_url(howto)).context["form"]
    assert form.initial["change_type"] == "editorial"
    assert form.initial["change_summary"] == ""


def test_a_substantive_change_needs_a_what_changed_line(editor_client, tree):
    howto = GuidelinePageFactory(parent=tree.guidelines)
    response = editor_client.post(
        edit_url(howto), edit_data(howto, "action-publish", change_summary="")
    )
    assert response.status_code == 200
    assert "change_summary" in response.context["form"].errors
    assert GuidelinePage.objects.get(pk=howto.pk).version == 1


def test_an_editor_cannot_publish_a_policy_past_the_approval_step(
    editor_client, policy
):
    response = editor_client.get(edit_url(policy))
    assert response.context["page_perms"].can_publish() is False
    response = editor_client.post(edit_url(policy), edit_data(policy, "action-publish"))
    assert response.status_code == 302
    live = GuidelinePage.objects.get(pk=policy.pk)
    assert live.version == 1
    assert live.has_unpublished_changes
    assert live.live_revision_id != live.latest_revision_id
    assert not ChangeLogEntry.objects.filter(page=policy, version=2).exists()


def test_turning_a_policy_into_a_how_to_does_not_escape_approval(editor_client, policy):
    editor_client.post(
        edit_url(policy), edit_data(policy, "action-publish", kind=Kind.HOWTO)
    )
    live = GuidelinePage.objects.get(pk=policy.pk)
    assert (live.kind, live.version) == (Kind.POLICY, 1)


def test_a_new_policy_created_by_an_editor_waits_for_approval(
    editor_client, tree, approver
):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["guidelines", "guidelinepage", tree.guidelines.pk],
    )
    page = GuidelinePage(
        title="Crisis policy",
        slug="crisis-policy",
        kind=Kind.POLICY,
        summary="What to do when things go wrong.",
        owner_person=UserFactory(),
    )
    page.review_date = GuidelinePage._meta.get_field("review_date").default()
    data = edit_data(page, "action-publish", change_type="editorial")
    response = editor_client.post(url, data)
    assert response.status_code == 302
    created = GuidelinePage.objects.get(slug="crisis-policy")
    assert not created.live
    assert created.get_workflow().name == "Policy approval"


def test_an_approved_policy_goes_live_with_its_new_version(
    editor_client, client, policy, approver
):
    response = editor_client.post(edit_url(policy), edit_data(policy, "action-submit"))
    assert response.status_code == 302
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Policy approval"
    assert GuidelinePage.objects.get(pk=policy.pk).version == 1

    client.force_login(approver)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[policy.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    live = GuidelinePage.objects.get(pk=policy.pk)
    assert live.version == 2
    entry = live.change_log.first()
    assert (entry.summary, entry.substantive) == (
        "Live video needs a second pair of eyes.",
        True,
    )


def test_every_block_describes_itself_for_editors():
    from intranet.guidelines import blocks

    for block_class in (
        blocks.PrincipleBlock,
        blocks.DoDontBlock,
        blocks.ChecklistBlock,
        blocks.ExamplePostBlock,
        blocks.FaqBlock,
        blocks.GoalBlock,
        blocks.LessonBlock,
        blocks.QuestionBlock,
    ):
        block = block_class()
        for attribute in ("icon", "template", "description", "preview_value"):
            assert getattr(block.meta, attribute, None), (block_class, attribute)
        assert block.render(block.to_python(block.meta.preview_value)).strip()


def test_a_question_needs_exactly_one_correct_answer():
    from wagtail.blocks import StructBlockValidationError

    from intranet.guidelines.blocks import QuestionBlock

    block = QuestionBlock()
    value = block.to_python(
        {
            "question": "?",
            "answers": [
                {"text": "a", "correct": True, "explanation": "x"},
                {"text": "b", "correct": True, "explanation": "y"},
            ],
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
