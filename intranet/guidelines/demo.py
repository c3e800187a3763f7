"""The guidelines' part of the demo: the social why, a short social-media policy,
our four principles, a how-to for LinkedIn and the ambassador training, with the
Policy approval workflow that policies go through; and all of them in Finnish."""

import datetime
import json
import random

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import WorkflowPage

from intranet import pages, setup
from intranet.demo import (
    colleagues_with_stories,
    get_or_create_child,
    originals,
    step,
    translate,
    translation_locale,
)

from .models import (
    Acknowledgement,
    Kind,
    KnowledgeCheckResult,
)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text):
    return {"type": "heading", "value": {"text": text, "size": "h2"}}


WHY = (
    "<p>Our customers, partners and future colleagues already talk about what we "
    "do on LinkedIn, Facebook, Instagram and X. We are there to listen, to answer, "
    "and to show the work of the people who make Northwind what it is.</p>"
)
GOALS = [
    (
        "Be easy to reach",
        "A question asked on our channels gets a helpful answer within one working day.",
    ),
    (
        "Show our people",
        "Half of what we post is about the work of colleagues, told by them.",
    ),
    (
        "Be open about decisions",
        "When we change something that affects customers, we explain why, in public.",
    ),
    (
        "Learn from the conversation",
        "What customers tell us on social media reaches the team that can act on it.",
    ),
]

POLICY_BODY = [
    paragraph(
        "<p>You are welcome to talk about your work on social media. This policy "
        "is short on purpose: five rules, and who to ask when you are not sure.</p>"
    ),
    heading("The rules"),
    paragraph(
        "<ol><li>Say that you work at Northwind, and that your views are your own.</li>"
        "<li>Never share customer data, or anything marked internal.</li>"
        "<li>Be kind, also when others are not. Do not argue in public.</li>"
        "<li>Only the communications team speaks for Northwind. Pass press and "
        "complaints to them.</li>"
        "<li>Made a mistake? Delete or correct it, and tell your manager.</li></ol>"
    ),
    {
        "type": "do_dont",
        "value": {
            "title": "What is OK to share",
            "ok": [
                {
                    "text": "Our public news and blog posts",
                    "example": "Share the post about the new Tampere office.",
                },
                {
                    "text": "What you learned and are proud of",
                    "example": "A photo of your team at the customer day, with their consent.",
                },
            ],
            "not_ok": [
                {
                    "text": "Anything about a customer",
                    "example": "Names, orders, a screen or a parcel label in a photo.",
                },
                {
                    "text": "Internal numbers and plans",
                    "example": "Sales figures before the annual report is out.",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "tone": "info",
            "title": "Not sure?",
            "text": "<p>Ask the communications team before you post. We answer the "
            "same day.</p>",
        },
    },
    {
        "type": "faq",
        "value": {
            "title": "Questions we hear",
            "items": [
                {
                    "question": "May I answer a customer who complains about us?",
                    "answer": "<p>Thank them, say you have passed it on, and tell "
                    "customer service. Do not solve the case in public.</p>",
                },
                {
                    "question": "May I like and share our posts?",
                    "answer": "<p>Yes, please. That is what they are for.</p>",
                },
            ],
        },
    },
]

PRINCIPLES = [
    (
        "Communicate with your audience in the places they already are",
        "Our customers do not come to our website to talk to us. We go where they "
        "already are, and speak their language there.",
    ),
    (
        "Use social media to consult, engage and inform",
        "Ask before we decide, answer when we are asked, and tell people what they "
        "need to know, in that order of importance.",
    ),
    (
        "Use social media to be more transparent and accountable",
        "We explain our decisions in public, admit our mistakes and show what we do "
        "about them.",
    ),
    (
        "Be part of the conversation, with all the benefits that brings",
        "Listening is half of it: what we hear improves our services, and people "
        "trust an organisation that takes part.",
    ),
]

LINKEDIN_BODY = [
    paragraph(
        "<p>LinkedIn is where most of our customers and future colleagues see us. "
        "Starting takes twenty minutes.</p>"
    ),
    {
        "type": "checklist",
        "value": {
            "title": "Set up your profile",
            "items": [
                "Add a clear photo of your face and a headline in your own words.",
                "Add Northwind as your employer, so your profile links to our page.",
                "Follow the Northwind page, and turn on notifications for it.",
                "Write two sentences about what you do and for whom.",
            ],
        },
    },
    heading("Your first post"),
    {
        "type": "example_post",
        "value": {
            "network": "LinkedIn",
            "good": {
                "text": "This week our customer service team solved 9 in 10 calls on "
                "the first try. Proud to work with these people. #Northwind",
                "why": "Public facts, credit to colleagues, your own voice.",
            },
            "bad": {
                "text": "Crazy day: a customer from Tampere shouted at me about his "
                "refund, can you believe it?",
                "why": "Points at a customer and shares a private conversation.",
            },
        },
    },
]

LESSONS = [
    (
        "Why your voice matters",
        "<p>People trust people more than they trust logos. A post from a colleague "
        "reaches ten times as many people as the same post from our page.</p>",
    ),
    (
        "What ambassadors share",
        "<p>Our public posts, your own view of your work, and what you learned. "
        "Never customer data, never anything internal.</p>",
    ),
    (
        "When a conversation gets difficult",
        "<p>Stay kind, move it to a private channel, and tell the communications "
        "team. You never have to answer on your own.</p>",
    ),
]

QUESTIONS = [
    (
        "Where should we talk with our customers?",
        [
            ("Where they already are", True, "Yes: we go to our audience."),
            ("Only on our website", False, "Few customers come there to talk."),
            (
                "Nowhere, to be safe",
                False,
                "Silence leaves the conversation to others.",
            ),
        ],
    ),
    (
        "A customer complains about us under your post. What do you do?",
        [
            (
                "Thank them, say you passed it on, and tell customer service",
                True,
                "Right: acknowledge in public, solve in private.",
            ),
            ("Explain in detail why they are wrong", False, "Never argue in public."),
            ("Delete the comment", False, "Deleting looks like hiding."),
        ],
    ),
    (
        "Which of these is OK to share?",
        [
            (
                "Our public blog post about the new office",
                True,
                "Public news: share it.",
            ),
            ("This quarter's sales figures", False, "Internal until published."),
            (
                "A photo with a parcel label in view",
                False,
                "Labels carry customer data.",
            ),
        ],
    ),
    (
        "Who speaks for Northwind to the press?",
        [
            ("The communications team", True, "Yes: pass press questions to them."),
            ("Any ambassador", False, "Ambassadors speak for themselves."),
            ("Whoever is asked first", False, "Pass it on instead."),
        ],
    ),
    (
        "You posted something wrong. What now?",
        [
            (
                "Correct or delete it, and tell your manager",
                True,
                "Owning mistakes is part of being accountable.",
            ),
            ("Leave it and hope nobody noticed", False, "Someone always notices."),
            ("Blame autocorrect", False, "Be honest instead."),
        ],
    ),
]


def principles_json(principles=PRINCIPLES):
    return json.dumps(
        [
            {
                "type": "principle",
                "value": {"title": title, "explanation": f"<p>{text}</p>"},
            }
            for title, text in principles
        ]
    )


def goals_json(goals=GOALS):
    return json.dumps(
        [{"type": "goal", "value": {"title": t, "description": d}} for t, d in goals]
    )


def lessons_json(lessons=LESSONS):
    return json.dumps(
        [
            {
                "type": "lesson",
                "value": {"title": title, "body": [paragraph(html)]},
            }
            for title, html in lessons
        ]
    )


def questions_json(questions=QUESTIONS):
    return json.dumps(
        [
            {
                "type": "question",
                "value": {
                    "question": question,
                    "answers": [
                        {"text": text, "correct": correct, "explanation": why}
                        for text, correct, why in answers
                    ],
                },
            }
            for question, answers in questions
        ]
    )


def review_in(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@step(40, "Policy approval workflow, and Alex among its approvers")
def approval(stdout):
    _workflow, added = setup.policy_workflow()
    approvers = setup.group(setup.POLICY_APPROVERS)
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is not None and not approvers.user_set.filter(pk=admin.pk).exists():
        approvers.user_set.add(admin)
        added.append(admin.username)
    return len(added)


@step(41, "The social why")
def social_why(stdout):
    hub = originals(pages.guidelines_hub_model().objects.all()).first()
    if hub is None or hub.why:
        return 0
    hub.why = WHY
    hub.goals = goals_json()
    hub.save_revision().publish()
    return 1


@step(42, "Guidelines and training")
def guidelines(stdout):
    hub = originals(pages.guidelines_hub_model().objects.all()).first()
    editor = get_user_model().objects.filter(username="editor").first()
    if hub is None:
        return 0
    added = 0
    policy, created = get_or_create_child(
        hub,
        pages.guideline_model(),
        "social-media-policy",
        title="Social media policy",
        kind=Kind.POLICY,
        must_read=True,
        summary="Five rules for talking about your work on social media, and who "
        "to ask when you are not sure.",
        body=json.dumps(POLICY_BODY),
        owner_person=editor,
        review_date=review_in(180),
    )
    added += created
    workflow, _added = setup.policy_workflow()
    _link, created = WorkflowPage.objects.get_or_create(
        page=policy, defaults={"workflow": workflow}
    )
    added += created
    _page, created = get_or_create_child(
        hub,
        pages.guideline_model(),
        "our-principles",
        title="Our principles",
        kind=Kind.PRINCIPLES,
        summary="Four principles behind everything we do on social media.",
        body=principles_json(),
        owner_person=editor,
        review_date=review_in(365),
    )
    added += created
    _page, created = get_or_create_child(
        hub,
        pages.guideline_model(),
        "starting-on-linkedin",
        title="Starting on LinkedIn",
        kind=Kind.HOWTO,
        summary="Set up your profile and write your first post, in twenty minutes.",
        body=json.dumps(LINKEDIN_BODY),
        owner_person=editor,
        review_date=review_in(28),
    )
    added += created
    _page, created = get_or_create_child(
        hub,
        pages.training_module_model(),
        "ambassador-training",
        title="Ambassador training",
        summary="Three short lessons and a five-question check. Pass it to share "
        "our public posts as an ambassador.",
        lessons=lessons_json(),
        questions=questions_json(),
        pass_mark=80,
        required_for_ambassadors=True,
    )
    added += created
    return added


@step(96, "Acknowledgements and training by department")
def acknowledgements_by_department(stdout):
    """Demo colleagues acknowledge the must-read guidelines, and some pass the
    training, as their department's story says: most of Customer Service, few in
    Sales."""
    colleagues = colleagues_with_stories()
    if (
        not colleagues
        or Acknowledgement.objects.filter(
            user__in=[person for person, _story in colleagues]
        ).exists()
    ):
        return 0
    must_read = list(originals(pages.guideline_model().objects.live().must_read()))
    modules = [
        m
        for m in originals(pages.training_module_model().objects.live())
        if len(m.questions)
    ]
    chance = random.Random(96)  # noqa: S311 - demo figures, not secrets
    acknowledgements, results = [], []
    now = timezone.now()
    for person, story in colleagues:
        if chance.random() >= story.policy:
            continue
        when = now - datetime.timedelta(days=chance.randint(1, 60))
        acknowledgements += [
            Acknowledgement(
                user=person, page=page, version=page.version, created_at=when
            )
            for page in must_read
        ]
        if chance.random() < 0.6:
            results += [
                KnowledgeCheckResult(
                    user=person,
                    module=module,
                    score=len(module.questions),
                    total=len(module.questions),
                    passed=True,
                    passed_at=when,
                    created_at=when,
                    updated_at=when,
                )
                for module in modules
            ]
    Acknowledgement.objects.bulk_create(acknowledgements, ignore_conflicts=True)
    KnowledgeCheckResult.objects.bulk_create(results, ignore_conflicts=True)
    return len(acknowledgements) + len(results)


@step(98, "The guidelines and the ambassador training in Finnish")
def finnish_guidelines(stdout):
    """The hub, every guideline and the training as Finnish translations of the
    English pages, after the colleagues have read and acknowledged those."""
    from . import demo_fi as fi  # which builds its blocks with this module's helpers

    finnish = translation_locale("fi")
    hub = originals(pages.guidelines_hub_model().objects.all()).first()
    if finnish is None or hub is None:
        return 0
    _hub, created = translate(
        hub, finnish, **fi.HUB, why=fi.WHY, goals=goals_json(fi.GOALS)
    )
    added = int(created)
    texts = {
        "social-media-policy": {**fi.POLICY, "body": json.dumps(fi.POLICY_BODY)},
        "our-principles": {
            **fi.PRINCIPLES_PAGE,
            "body": principles_json(fi.PRINCIPLES),
        },
        "starting-on-linkedin": {**fi.LINKEDIN, "body": json.dumps(fi.LINKEDIN_BODY)},
    }
    for guideline in (
        pages.guideline_model().objects.child_of(hub).filter(slug__in=texts)
    ):
        translated, created = translate(
            guideline,
            finnish,
            **texts[guideline.slug],
            change_summary=fi.FIRST_PUBLISHED,
        )
        added += created
        # Policies go through the approval workflow, in every language.
        if translated.kind == Kind.POLICY:
            workflow = WorkflowPage.objects.filter(page=guideline).first()
            if workflow is not None:
                _link, created = WorkflowPage.objects.get_or_create(
                    page=translated, defaults={"workflow": workflow.workflow}
                )
                added += created
    training = (
        pages.training_module_model()
        .objects.child_of(hub)
        .filter(slug="ambassador-training")
        .first()
    )
    if training is not None:
        _page, created = translate(
            training,
            finnish,
            **fi.TRAINING,
            lessons=lessons_json(fi.LESSONS),
            questions=questions_json(fi.QUESTIONS),
        )
        added += created
    return added
