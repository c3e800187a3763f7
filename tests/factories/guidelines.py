"""Factories for the guidelines: guidelines (published, with a change log), training
modules with lessons and a knowledge check, and acknowledgements."""

import json

import factory
import wagtail_factories

from guidelines.models import GuidelinePage, TrainingModulePage
from intranet.guidelines.models import Acknowledgement, ChangeType, Kind
from tests.factories.core import UserFactory

__all__ = [
    "AcknowledgementFactory",
    "GuidelinePageFactory",
    "TrainingModulePageFactory",
    "publish_change",
]


def guideline_body():
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Before you post", "size": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>Think about who will read it, today and in a year.</p>",
            },
            {
                "type": "principle",
                "value": {
                    "title": "Be part of the conversation",
                    "explanation": "<p>Listen first, then answer.</p>",
                },
            },
            {
                "type": "do_dont",
                "value": {
                    "title": "Photos",
                    "ok": [{"text": "Our stand at the fair", "example": ""}],
                    "not_ok": [{"text": "Screens with customer data", "example": ""}],
                },
            },
            {
                "type": "faq",
                "value": {
                    "title": "Questions",
                    "items": [
                        {
                            "question": "May I say where I work?",
                            "answer": "<p>Yes, and that your views are your own.</p>",
                        }
                    ],
                },
            },
        ]
    )


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page that went live the way editors publish: through a revision."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        if page.live:
            page.save_revision().publish()
            page.refresh_from_db()
        return page


class GuidelinePageFactory(PublishedPageFactory):
    class Meta:
        model = GuidelinePage

    title = factory.Sequence(lambda n: f"Guideline {n}")
    slug = factory.Sequence(lambda n: f"guideline-{n}")
    kind = Kind.HOWTO
    summary = "What to do, in short."
    body = factory.LazyFunction(guideline_body)
    owner_person = factory.SubFactory(UserFactory, department="Communications")

    class Params:
        policy = factory.Trait(kind=Kind.POLICY, must_read=True)


def knowledge_check(prefix="q"):
    """Five questions; the first answer is the correct one in each."""
    return json.dumps(
        [
            {
                "type": "question",
                "id": f"{prefix}{n}",
                "value": {
                    "question": f"Question {n}?",
                    "answers": [
                        {"text": "Right", "correct": True, "explanation": "Because."},
                        {"text": "Wrong", "correct": False, "explanation": "No."},
                    ],
                },
            }
            for n in range(1, 6)
        ]
    )


def lessons(prefix="lesson"):
    return json.dumps(
        [
            {
                "type": "lesson",
                "id": f"{prefix}-{n}",
                "value": {
                    "title": f"Lesson {n}",
                    "body": [{"type": "paragraph", "value": f"<p>Lesson {n}.</p>"}],
                },
            }
            for n in range(1, 4)
        ]
    )


class TrainingModulePageFactory(PublishedPageFactory):
    class Meta:
        model = TrainingModulePage

    title = factory.Sequence(lambda n: f"Training {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    summary = "Learn it in ten minutes."
    lessons = factory.LazyFunction(lessons)
    questions = factory.LazyFunction(knowledge_check)
    pass_mark = 80


class AcknowledgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acknowledgement

    user = factory.SubFactory(UserFactory)
    page = None
    version = factory.LazyAttribute(lambda o: o.page.version)


def publish_change(page, summary, substantive=True, user=None):
    """Publish a new revision of ``page`` as an editor would, saying what changed."""
    page = GuidelinePage.objects.get(pk=page.pk)
    page.change_type = ChangeType.SUBSTANTIVE if substantive else ChangeType.EDITORIAL
    page.change_summary = summary
    page.save_revision(user=user).publish(user=user)
    return GuidelinePage.objects.get(pk=page.pk)
