import re

import pytest

from intranet.ambassadors import missing_requirements
from intranet.guidelines.models import KnowledgeCheckResult, LessonCompletion
from intranet.people.forms import ProfileForm
from tests.factories import TrainingModulePageFactory, UserFactory
from tests.factories.guidelines import knowledge_check

pytestmark = pytest.mark.django_db

ALL_RIGHT = {f"q-q{n}": "0" for n in range(1, 6)}


@pytest.fixture
def module(tree):
    return TrainingModulePageFactory(
        parent=tree.guidelines, title="Ambassador training", slug="ambassadors"
    )


def test_module_shows_its_lessons_in_order_with_a_way_to_mark_each_done(
    staff_client, module
):
    response = staff_client.get(module.url)
    text = response.content.decode()
    assert text.index("Lesson 1") < text.index("Lesson 2") < text.index("Lesson 3")
    assert 'data-testid="mark-lesson-1"' in text
    assert "0 of 3 lessons done" in text


def test_a_learner_marks_a_lesson_done_once(staff_client, staff, module):
    url = module.url + "lessons/lesson-2/done/"
    response = staff_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == module.url + "#lesson-lesson-2"
    staff_client.post(url)
    assert list(LessonCompletion.objects.values_list("user", "lesson_id")) == [
        (staff.pk, "lesson-2")
    ]
    text = staff_client.get(module.url).content.decode()
    assert "1 of 3 lessons done" in text
    assert 'data-testid="lesson-done-2"' in text
    assert 'data-testid="mark-lesson-2"' not in text


def test_marking_an_unknown_lesson_done_is_not_found(staff_client, module):
    assert staff_client.post(module.url + "lessons/nope/done/").status_code == 404
    assert staff_client.get(module.url + "lessons/lesson-1/done/").status_code == 405
    assert not LessonCompletion.objects.exists()


def test_passing_the_knowledge_check_records_the_result(staff_client, staff, module):
    answers = dict(ALL_RIGHT, **{"q-q5": "1"})  # four of five: 80 %
    response = staff_client.post(module.url + "check/", answers)
    assert response.status_code == 302
    result = KnowledgeCheckResult.objects.get(user=staff, module=module)
    assert (result.score, result.total, result.passed, result.attempts) == (
        4,
        5,
        True,
        1,
    )
    assert result.answers["q5"] == 1
    text = staff_client.get(module.url).content.decode()
    assert "You passed this check" in text
    assert "Because." in text and "No." in text  # every answer's explanation


def test_failing_the_check_says_how_many_are_needed_and_keeps_the_attempt(
    staff_client, staff, module
):
    answers = {f"q-q{n}": "1" for n in range(1, 6)}
    response = staff_client.post(module.url + "check/", answers, follow=True)
    assert "you need 4 to pass" in response.content.decode()
    result = KnowledgeCheckResult.objects.get()
    assert (result.score, result.passed) == (0, False)
    staff_client.post(module.url + "check/", ALL_RIGHT)
    result.refresh_from_db()
    assert (result.score, result.passed, result.attempts) == (5, True, 2)


def test_a_weaker_attempt_after_passing_keeps_the_pass(staff_client, module):
    staff_client.post(module.url + "check/", ALL_RIGHT)
    staff_client.post(module.url + "check/", {f"q-q{n}": "1" for n in range(1, 6)})
    result = KnowledgeCheckResult.objects.get()
    assert (result.score, result.passed, result.attempts) == (0, True, 2)


def test_an_answer_sheet_with_missing_answers_is_refused_and_keeps_the_answers(
    staff_client, module
):
    response = staff_client.post(module.url + "check/", {"q-q1": "0", "q-q3": "1"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "3 questions have no answer yet." in text
    assert "Choose an answer to question 2." in text
    # Answers are shuffled per person, so the checked one may stand anywhere.
    assert re.search(r'value="0" id="id_q-q1_\d" required checked', text)
    assert re.search(r'value="1" id="id_q-q3_\d" required checked', text)
    assert not re.search(r'id="id_q-q2_\d" required checked', text)
    assert not KnowledgeCheckResult.objects.exists()


def test_an_answer_sheet_with_unknown_questions_is_refused(staff_client, module):
    response = staff_client.post(module.url + "check/", dict(ALL_RIGHT, **{"q-x": "0"}))
    assert response.status_code == 400
    assert "questions this module does not ask" in response.content.decode()
    assert not KnowledgeCheckResult.objects.exists()


def test_an_answer_sheet_with_another_modules_questions_is_refused(
    staff_client, module, tree
):
    TrainingModulePageFactory(
        parent=tree.guidelines, title="Crisis basics", questions=knowledge_check("c")
    )
    answers = dict(ALL_RIGHT, **{"q-c1": "0"})
    response = staff_client.post(module.url + "check/", answers)
    assert response.status_code == 400
    assert "questions from another module (“Crisis basics”)" in (
        response.content.decode()
    )
    assert not KnowledgeCheckResult.objects.exists()


def test_an_answer_that_is_not_one_of_the_choices_is_refused(staff_client, module):
    response = staff_client.post(
        module.url + "check/", dict(ALL_RIGHT, **{"q-q2": "9"})
    )
    assert response.status_code == 400
    assert "not one of the answers to question 2" in response.content.decode()


def test_a_module_without_questions_has_no_check(staff_client, tree):
    module = TrainingModulePageFactory(parent=tree.guidelines, questions="[]")
    assert "Knowledge check" not in staff_client.get(module.url).content.decode()
    assert staff_client.post(module.url + "check/", {}).status_code == 404


def test_staff_opt_in_as_ambassadors_only_after_passing_the_required_module(
    staff_client, staff, tree
):
    required = TrainingModulePageFactory(
        parent=tree.guidelines,
        title="Ambassador training",
        required_for_ambassadors=True,
    )
    [message] = missing_requirements(staff)
    assert "Ambassador training" in message
    form = ProfileForm(
        instance=staff.intranet_profile,
        data={"display_name": "", "is_ambassador": "on"},
    )
    assert not form.is_valid()
    assert "Ambassador training" in str(form.errors["is_ambassador"])
    staff_client.post(required.url + "check/", ALL_RIGHT)
    assert missing_requirements(staff) == []


def test_modules_not_required_for_ambassadors_gate_nothing(staff, module):
    assert missing_requirements(staff) == []


def test_a_module_required_for_ambassadors_needs_a_knowledge_check(tree):
    from django.core.exceptions import ValidationError

    module = TrainingModulePageFactory.build(
        questions="[]", required_for_ambassadors=True
    )
    with pytest.raises(ValidationError):
        module.clean()


def test_my_guidelines_shows_training_results(staff_client, module, tree):
    other = TrainingModulePageFactory(parent=tree.guidelines, title="Crisis basics")
    staff_client.post(module.url + "check/", ALL_RIGHT)
    response = staff_client.get("/guidelines/mine/")
    results = {m.title: m.result for m in response.context["modules"]}
    assert results["Ambassador training"].passed
    assert results[other.title] is None


def test_a_learner_sees_only_their_own_progress(client, staff, module):
    staff_client_user = UserFactory()
    LessonCompletion.objects.create(user=staff, module=module, lesson_id="lesson-1")
    client.force_login(staff_client_user)
    assert "0 of 3 lessons done" in client.get(module.url).content.decode()


def shown_labels(client, module):
    """Each question's answers, in the order the page lists them."""
    form = client.get(module.url).context["check_form"]
    return {
        name: [label for _value, label in f.choices] for name, f in form.fields.items()
    }


def test_each_person_sees_the_answers_shuffled_in_a_stable_order(client, module):
    people = UserFactory.create_batch(6)
    orders = []
    for person in people:
        client.force_login(person)
        first = shown_labels(client, module)
        assert shown_labels(client, module) == first
        orders.extend(first.values())
    assert ["Right", "Wrong"] in orders
    assert ["Wrong", "Right"] in orders


def test_the_shuffled_check_is_graded_by_the_answer_chosen_not_its_place(
    client, module
):
    person = UserFactory()
    client.force_login(person)
    form = client.get(module.url).context["check_form"]
    right = {
        name: next(value for value, label in field.choices if label == "Right")
        for name, field in form.fields.items()
    }
    assert set(right.values()) == {"0"}
    client.post(module.url + "check/", right)
    result = KnowledgeCheckResult.objects.get(user=person, module=module)
    assert (result.score, result.passed) == (5, True)
    html = client.get(module.url).content.decode()
    reviewed = html.split('class="review__question"')[1:]
    for question, labels in zip(
        reviewed, shown_labels(client, module).values(), strict=True
    ):
        assert question.index(labels[0]) < question.index(labels[1])
