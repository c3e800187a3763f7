import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from intranet import setup
from tests.factories import (
    AcknowledgementFactory,
    GuidelinePageFactory,
    TrainingModulePageFactory,
    UserFactory,
    publish_change,
)

pytestmark = pytest.mark.django_db


def admin_user(username, group):
    user = UserFactory(username=username, groups=[group])
    Group.objects.get(name=group).permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


@pytest.fixture
def editor_client(client, tree):
    client.force_login(admin_user("editor", setup.EDITORS))
    return client


@pytest.fixture
def policy(tree):
    return GuidelinePageFactory(
        parent=tree.guidelines, title="Social media policy", slug="policy", policy=True
    )


def report_url(name, *args):
    return reverse(f"guidelines_reports:{name}", args=args)


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


@pytest.mark.parametrize(
    "url",
    [
        ("must_read",),
        ("overdue",),
        ("training",),
    ],
)
def test_staff_and_leaders_cannot_see_the_reports(client, tree, url):
    staff = UserFactory()
    client.force_login(staff)
    response = client.get(report_url(*url))
    assert response.status_code == 403
    client.force_login(admin_user("leader", setup.LEADERS))
    response = client.get(report_url(*url))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    response = client.get(report_url(*url), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 403


def test_staff_cannot_export_acknowledgements(client, policy):
    client.force_login(admin_user("leader", setup.LEADERS))
    response = client.get(report_url("acknowledgements", policy.pk), {"export": "csv"})
    assert response.status_code == 302


def test_the_reports_are_in_the_editors_reports_menu(editor_client):
    text = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Guideline acknowledgements" in text
    assert "Training completion" in text


def test_must_read_report_counts_acknowledgements_of_the_current_version(
    editor_client, policy
):
    people = UserFactory.create_batch(3)
    for person in people[:2]:
        AcknowledgementFactory(user=person, page=policy)
    policy = publish_change(policy, "New rules.")
    AcknowledgementFactory(user=people[0], page=policy)
    response = editor_client.get(report_url("must_read"))
    assert response.status_code == 200
    [row] = response.context["object_list"]
    assert (row.version, row.acknowledged_count) == (2, 1)
    assert row.waiting_count == row.acknowledged_count + row.waiting_count - 1


def test_acknowledgement_report_shows_who_has_and_who_has_not_by_department(
    editor_client, policy
):
    sales = UserFactory(first_name="Aino", last_name="A", department="Sales")
    UserFactory(first_name="Bea", last_name="B", department="Sales")
    legal = UserFactory(first_name="Cai", last_name="C", department="Legal")
    AcknowledgementFactory(user=sales, page=policy)
    AcknowledgementFactory(user=legal, page=policy)
    url = report_url("acknowledgements", policy.pk)
    response = editor_client.get(url, {"department": "Sales"})
    assert response.status_code == 200
    rows = {p.name: p.status for p in response.context["object_list"]}
    assert rows == {"Aino A": "Acknowledged", "Bea B": "Not yet"}
    summary = {r["department"]: r for r in response.context["by_department"]}
    assert (summary["Sales"]["acknowledged"], summary["Sales"]["waiting"]) == (1, 1)
    waiting = editor_client.get(url, {"status": "waiting"}).context["object_list"]
    assert "Aino A" not in {p.name for p in waiting}
    assert "Bea B" in {p.name for p in waiting}


def test_acknowledgement_report_exports_csv(editor_client, policy):
    person = UserFactory(first_name="Aino", last_name="A", department="Sales")
    AcknowledgementFactory(user=person, page=policy)
    response = editor_client.get(
        report_url("acknowledgements", policy.pk), {"export": "csv"}
    )
    assert response.status_code == 200
    assert "acknowledgements-policy-v1" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Name",
        "Username",
        "Department",
        "Status",
        "Last version acknowledged",
        "Acknowledged on",
    ]
    aino = next(r for r in rows if r[0] == "Aino A")
    assert (aino[2], aino[3], aino[4]) == ("Sales", "Acknowledged", "1")


def test_acknowledgement_report_only_covers_must_read_guidelines(editor_client, tree):
    howto = GuidelinePageFactory(parent=tree.guidelines)
    assert (
        editor_client.get(report_url("acknowledgements", howto.pk)).status_code == 404
    )


def test_acknowledgement_report_costs_a_fixed_number_of_queries(
    editor_client, policy, django_assert_max_num_queries
):
    """A page of the report costs the same for 5 people as for 120, whoever has
    acknowledged: the status comes from subqueries, not a query per person."""
    url = report_url("acknowledgements", policy.pk)
    for person in UserFactory.create_batch(5, department="Sales"):
        AcknowledgementFactory(user=person, page=policy)
    editor_client.get(url)
    with django_assert_max_num_queries(30) as few:
        response = editor_client.get(url)
    assert response.status_code == 200
    for n in range(120):
        person = UserFactory(department=f"Team {n % 7}")
        if n % 2:
            AcknowledgementFactory(user=person, page=policy)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get(url)
    assert response.context["paginator"].count > 120
    assert len(response.context["object_list"]) == 50


def test_overdue_report_lists_guidelines_past_their_review_date(editor_client, tree):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    late = GuidelinePageFactory(
        parent=tree.guidelines,
        title="Late",
        review_date=today - datetime.timedelta(days=3),
    )
    GuidelinePageFactory(parent=tree.guidelines, title="Fine", review_date=today)
    response = editor_client.get(report_url("overdue"))
    assert [p.title for p in response.context["object_list"]] == ["Late"]
    rows = csv_rows(editor_client.get(report_url("overdue"), {"export": "csv"}))
    assert rows[1][:4] == [
        "Late",
        "How-to",
        late.owner_person.intranet_profile.name,
        late.review_date.isoformat(),
    ]


def test_training_report_counts_starts_finishes_and_passes(editor_client, tree):
    from intranet.guidelines.models import KnowledgeCheckResult, LessonCompletion

    module = TrainingModulePageFactory(parent=tree.guidelines, title="Ambassadors")
    finished, started = UserFactory.create_batch(2)
    for lesson in ("lesson-1", "lesson-2", "lesson-3"):
        LessonCompletion.objects.create(user=finished, module=module, lesson_id=lesson)
    LessonCompletion.objects.create(user=started, module=module, lesson_id="lesson-1")
    KnowledgeCheckResult.objects.create(
        user=finished, module=module, score=5, total=5, passed=True
    )
    [row] = editor_client.get(report_url("training")).context["object_list"]
    assert (row.started_count, row.finished_count, row.passed_count) == (2, 1, 1)
    response = editor_client.get(
        report_url("training_module", module.pk), {"status": "passed"}
    )
    [person] = response.context["object_list"]
    assert (person.pk, person.lessons_done, person.check_score) == (
        finished.pk,
        "3 / 3",
        "5 / 5",
    )
    rows = csv_rows(
        editor_client.get(report_url("training_module", module.pk), {"export": "csv"})
    )
    assert rows[0][0] == "Name"
    assert len(rows) > 2
