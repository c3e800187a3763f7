"""A guideline and its translations are one guideline: one version, acknowledged
once in any language, asked again after a substantive change in any language, and
counted once in the reports; a training module likewise."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from guidelines.models import GuidelinePage, TrainingModulePage
from intranet import setup
from intranet.guidelines import engagement, services
from intranet.guidelines.models import (
    Acknowledgement,
    KnowledgeCheckResult,
    LessonCompletion,
)
from intranet.guidelines.wagtail_hooks import ambassador_training_passed
from intranet.social import engagement as social_engagement
from intranet.social.models import Notification
from tests.factories import (
    AcknowledgementFactory,
    GuidelinePageFactory,
    TrainingModulePageFactory,
    UserFactory,
    in_finnish,
    publish_change,
    translate,
)

pytestmark = pytest.mark.django_db

ALL_RIGHT = {f"q-q{n}": "0" for n in range(1, 6)}


@pytest.fixture
def policy(tree):
    return GuidelinePageFactory(
        parent=tree.guidelines, title="Social media policy", slug="policy", policy=True
    )


@pytest.fixture
def fi_policy(policy):
    return translate(policy, title="Somepolitiikka")


def acknowledge(client, page, version=None):
    return client.post(
        f"{page.url}acknowledge/?lang={page.locale.language_code}",
        {"version": page.version if version is None else version},
    )


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def asked(person) -> int:
    return Notification.objects.filter(recipient=person, kind="guideline").count()


# Acknowledging ------------------------------------------------------------------------


def test_acknowledging_the_finnish_version_acknowledges_the_guideline(
    staff_client, staff, policy, fi_policy
):
    response = acknowledge(staff_client, fi_policy)
    assert response.status_code == 302
    assert list(Acknowledgement.objects.values_list("page_id", "version")) == [
        (policy.pk, 1)
    ]
    for page in (policy, fi_policy):
        assert page.reading_state(staff)["acknowledged_at"] is not None
        assert not GuidelinePage.objects.filter(pk=page.pk).waiting_for(staff)
    assert services.pending_for(staff) == []
    english = staff_client.get(policy.url).content.decode()
    assert 'data-testid="acknowledged"' in english
    acknowledge(staff_client, policy)
    assert Acknowledgement.objects.count() == 1


def test_a_translation_takes_the_guidelines_version_and_asks_nobody_again(
    policy, staff, committed
):
    policy = committed(publish_change, policy, "New rule on sharing.")
    assert policy.version == 2
    before = asked(staff)
    assert before == 1  # asked for version 2
    fi_policy = committed(translate, policy, title="Somepolitiikka")
    assert fi_policy.version == 2
    assert asked(staff) == before
    assert fi_policy.change_log.get().substantive is False


def test_a_substantive_change_in_finnish_asks_everyone_again_in_both_languages(
    client, policy, fi_policy, staff, committed
):
    client.force_login(staff)
    acknowledge(client, policy)
    aino = UserFactory(username="aino", language="fi")
    client.force_login(aino)
    acknowledge(client, fi_policy)
    fi_policy = committed(publish_change, fi_policy, "Uusi sääntö jakamisesta.")
    policy = fresh(policy)
    assert (policy.version, fi_policy.version) == (2, 2)
    for person in (staff, aino):
        assert asked(person) == 1
        for page in (policy, fi_policy):
            assert page.reading_state(person)["acknowledged_at"] is None
    notification = Notification.objects.get(recipient=aino)
    assert notification.page_id == policy.pk  # about the guideline, not a version
    client.force_login(aino)
    response = client.get(f"/social/notifications/{notification.pk}/")
    assert response["Location"] == f"{fi_policy.url}?lang=fi"
    # The English readers see what changed, in the words it was written in.
    client.force_login(staff)
    html = client.get(policy.url).content.decode()
    assert '<span lang="fi">Uusi sääntö jakamisesta.</span>' in html
    assert acknowledge(client, policy).status_code == 302
    assert fi_policy.reading_state(staff)["acknowledged_at"] is not None


def test_an_editorial_change_in_either_language_asks_nobody(
    policy, fi_policy, staff, committed
):
    committed(publish_change, fi_policy, "Kirjoitusvirhe.", substantive=False)
    committed(publish_change, policy, "Typo.", substantive=False)
    assert fresh(policy).version == fresh(fi_policy).version == 1
    assert asked(staff) == 0


def test_the_home_page_asks_for_each_guideline_once_in_the_readers_language(
    client, policy, fi_policy
):
    aino = UserFactory(username="aino", language="fi")
    client.force_login(aino)
    html = client.get("/").content.decode()
    assert html.count("Somepolitiikka") == 1
    assert "Social media policy" not in html


# Reports and measures count people -----------------------------------------------------


@pytest.fixture
def editor_client(client, tree):
    editor = UserFactory(username="editor", groups=[setup.EDITORS])
    Group.objects.get(name=setup.EDITORS).permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(editor)
    return client


def test_the_must_read_report_lists_a_translated_guideline_once_counting_people(
    editor_client, policy, fi_policy
):
    aino, emma, both = (UserFactory(username=n) for n in ("aino", "emma", "both"))
    AcknowledgementFactory(user=aino, page=fi_policy)
    AcknowledgementFactory(user=emma, page=policy)
    # Someone who acknowledged both versions (before they were one) counts once.
    AcknowledgementFactory(user=both, page=policy)
    AcknowledgementFactory(user=both, page=fi_policy)
    response = editor_client.get(reverse("guidelines_reports:must_read"))
    [row] = response.context["object_list"]
    assert (row.pk, row.acknowledged_count) == (policy.pk, 3)


def test_the_acknowledgement_report_counts_an_acknowledgement_in_either_language(
    editor_client, policy, fi_policy
):
    aino = UserFactory(username="aino", first_name="Aino", last_name="Virtanen")
    AcknowledgementFactory(user=aino, page=fi_policy)
    for page in (policy, fi_policy):
        url = reverse("guidelines_reports:acknowledgements", args=[page.pk])
        rows = {p.username: p for p in editor_client.get(url).context["object_list"]}
        assert rows["aino"].acknowledged_at is not None
        assert rows["aino"].acknowledged_version == 1


def test_the_engagement_measures_count_a_translated_guideline_once(policy, fi_policy):
    other = GuidelinePageFactory(
        parent=policy.get_parent(), slug="principles", policy=True
    )
    done = UserFactory(username="done")
    AcknowledgementFactory(user=done, page=fi_policy)
    AcknowledgementFactory(user=done, page=other)
    twice = UserFactory(username="twice")
    AcknowledgementFactory(user=twice, page=policy)
    AcknowledgementFactory(user=twice, page=fi_policy)
    condition = engagement.acknowledged_condition(None)
    acknowledged = set(
        social_engagement.staff()
        .annotate(ok=condition)
        .filter(ok=True)
        .values_list("username", flat=True)
    )
    assert acknowledged == {"done"}


# Training ---------------------------------------------------------------------------------


@pytest.fixture
def module(tree):
    return TrainingModulePageFactory(
        parent=tree.guidelines,
        title="Ambassador training",
        slug="ambassadors",
        required_for_ambassadors=True,
    )


@pytest.fixture
def fi_module(module):
    return translate(module, title="Lähettiläskoulutus")


def test_lessons_and_the_check_done_in_finnish_count_in_english(
    staff_client, staff, module, fi_module
):
    staff_client.post(f"{fi_module.url}lessons/lesson-2/done/?lang=fi")
    staff_client.post(f"{fi_module.url}check/?lang=fi", ALL_RIGHT)
    assert list(LessonCompletion.objects.values_list("module_id", "lesson_id")) == [
        (module.pk, "lesson-2")
    ]
    result = KnowledgeCheckResult.objects.get()
    assert (result.module_id, result.passed) == (module.pk, True)
    for page in (module, fi_module):
        progress = fresh(page).progress_for(staff)
        assert progress["lessons_done"] == 1
        assert progress["result"].passed
        assert not TrainingModulePage.objects.filter(pk=page.pk).not_passed_by(staff)
    assert ambassador_training_passed(staff) is None


def test_the_training_still_to_pass_is_named_once(module, fi_module):
    message = str(ambassador_training_passed(UserFactory()))
    assert message.count("training") + message.count("koulutus") == 1


def test_the_training_report_counts_each_learner_once(editor_client, module, fi_module):
    aino, emma = UserFactory(username="aino"), UserFactory(username="emma")
    for lesson in module.lesson_ids:
        LessonCompletion.objects.create(user=aino, module=fi_module, lesson_id=lesson)
    LessonCompletion.objects.create(user=emma, module=module, lesson_id="lesson-1")
    LessonCompletion.objects.create(user=emma, module=fi_module, lesson_id="lesson-1")
    for page, who in ((module, aino), (fi_module, emma)):
        KnowledgeCheckResult.objects.create(
            user=who, module=page, score=5, total=5, passed=True
        )
    [row] = editor_client.get(reverse("guidelines_reports:training")).context[
        "object_list"
    ]
    assert row.pk == module.pk
    assert (row.started_count, row.finished_count, row.passed_count) == (2, 1, 2)
    url = reverse("guidelines_reports:training_module", args=[fi_module.pk])
    people = {p.username: p for p in editor_client.get(url).context["object_list"]}
    assert people["aino"].lessons_done == "3 / 3"
    assert people["emma"].lessons_done == "1 / 3"
    assert people["emma"].passed


# A guideline the reader may not see -----------------------------------------------------


def test_the_finnish_version_of_a_guideline_the_person_may_not_see_takes_nothing(
    client, policy, fi_policy
):
    from wagtail.models import PageViewRestriction

    group = Group.objects.create(name="Board")
    for page in (policy, fi_policy):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    client.force_login(UserFactory(username="outsider"))
    assert acknowledge(client, fi_policy).status_code == 404
    assert client.get(in_finnish(fi_policy)).status_code in (403, 404)
    assert not Acknowledgement.objects.exists()
