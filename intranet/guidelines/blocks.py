"""Blocks made for guidance: principles, do and don't, checklists, example posts, FAQs.

The shared blocks (heading, text, image, quote, table, call-out, document) come from
``intranet.blocks``; a guideline's body offers both.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from intranet.blocks import BaseStreamBlock

SIMPLE_TEXT = ["bold", "italic", "link", "ol", "ul"]


class PrincipleBlock(blocks.StructBlock):
    """One of the organisation's principles, numbered in the order they appear."""

    title = blocks.CharBlock(label=_("principle"), max_length=160)
    explanation = blocks.RichTextBlock(label=_("explanation"), features=SIMPLE_TEXT)

    class Meta:
        icon = "list-ol"
        template = "intranet/blocks/principle_block.html"
        description = _("A numbered principle with a short explanation")
        preview_value = {
            "title": "Be part of the conversation",
            "explanation": "<p>Listen first, answer honestly, and say who you are.</p>",
        }


class ShareItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("what"), max_length=200)
    example = blocks.CharBlock(label=_("example"), max_length=300, required=False)

    class Meta:
        icon = "list-ul"
        label = _("item")


class DoDontBlock(blocks.StructBlock):
    """What is OK to share, next to what is not."""

    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    ok = blocks.ListBlock(ShareItemBlock(), label=_("OK to share"), min_num=1)
    not_ok = blocks.ListBlock(ShareItemBlock(), label=_("Not OK to share"), min_num=1)

    class Meta:
        icon = "tick"
        template = "intranet/blocks/do_dont_block.html"
        description = _('"OK to share" and "not OK to share", with examples')
        preview_value = {
            "title": "Photos from work",
            "ok": [
                {
                    "text": "Our team at an open event",
                    "example": "A photo from the stand at the trade fair",
                }
            ],
            "not_ok": [
                {
                    "text": "Anything with customer data in view",
                    "example": "A screen, a whiteboard or a parcel label",
                }
            ],
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("item"), max_length=240), label=_("items"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        template = "intranet/blocks/checklist_block.html"
        description = _("A list of things to check, in order")
        preview_value = {
            "title": "Before you post",
            "items": [
                "Would I be happy to see this on the front page?",
                "Is anyone in the picture who did not agree to it?",
            ],
        }


class ExamplePostSideBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("post text"), max_length=1000)
    why = blocks.CharBlock(label=_("why"), max_length=300)


class ExamplePostBlock(blocks.StructBlock):
    """A good post and a bad one about the same thing, side by side."""

    network = blocks.ChoiceBlock(
        label=_("network"),
        choices=[
            ("LinkedIn", "LinkedIn"),
            ("X", "X"),
            ("Facebook", "Facebook"),
            ("Instagram", "Instagram"),
        ],
        default="LinkedIn",
    )
    good = ExamplePostSideBlock(label=_("good example"))
    bad = ExamplePostSideBlock(label=_("bad example"))

    class Meta:
        icon = "openquote"
        template = "intranet/blocks/example_post_block.html"
        description = _("A good and a bad example post, side by side")
        preview_value = {
            "network": "LinkedIn",
            "good": {
                "text": "Proud of our customer service team: 9 in 10 calls solved first time.",
                "why": "Public facts, credit to the team.",
            },
            "bad": {
                "text": "Crazy day, a customer from Tampere yelled at me about his refund!",
                "why": "Points at a customer and shares a private conversation.",
            },
        }


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=SIMPLE_TEXT)


class FaqBlock(blocks.StructBlock):
    """Questions that open to show their answer (<details>/<summary>)."""

    title = blocks.CharBlock(
        label=_("title"), max_length=120, default="Frequently asked questions"
    )
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "intranet/blocks/faq_block.html"
        description = _("Questions and answers that readers open one at a time")
        preview_value = {
            "title": "Frequently asked questions",
            "items": [
                {
                    "question": "May I mention where I work on my profile?",
                    "answer": "<p>Yes. Add that your views are your own.</p>",
                }
            ],
        }


class GuidelineBodyBlock(BaseStreamBlock):
    """What a guideline is made of: the shared blocks and the guidance blocks."""

    principle = PrincipleBlock()
    do_dont = DoDontBlock()
    checklist = ChecklistBlock()
    example_post = ExamplePostBlock()
    faq = FaqBlock()


class GoalBlock(blocks.StructBlock):
    """One thing the organisation wants from being on social media."""

    title = blocks.CharBlock(label=_("goal"), max_length=120)
    description = blocks.TextBlock(label=_("what it means"), max_length=400)

    class Meta:
        icon = "pick"
        template = "intranet/blocks/goal_block.html"
        description = _("A goal: what we want from social media")
        preview_value = {
            "title": "Be easy to reach",
            "description": "Customers get an answer where they ask, within a day.",
        }


class LessonBlock(blocks.StructBlock):
    """A lesson of a training module; learners mark each one done."""

    title = blocks.CharBlock(label=_("lesson title"), max_length=150)
    body = GuidelineBodyBlock(label=_("lesson"))

    class Meta:
        icon = "doc-full"
        template = "intranet/blocks/lesson_block.html"
        description = _("A lesson the learner reads and marks as done")
        preview_value = {
            "title": "Why your voice matters",
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>People trust people more than they trust logos.</p>",
                }
            ],
        }


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=240)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    explanation = blocks.CharBlock(
        label=_("explanation"),
        max_length=400,
        help_text=_("Shown after answering: why this answer is right or wrong."),
    )

    class Meta:
        icon = "radio-full"


class QuestionBlock(blocks.StructBlock):
    """A multiple-choice question with exactly one correct answer."""

    question = blocks.CharBlock(label=_("question"), max_length=300)
    answers = blocks.ListBlock(AnswerBlock(), label=_("answers"), min_num=2)

    class Meta:
        icon = "help"
        template = "intranet/blocks/question_block.html"
        description = _("A multiple-choice question with an explanation per answer")
        preview_value = {
            "question": "A customer praises you in a comment. What do you do?",
            "answers": [
                {
                    "text": "Thank them",
                    "correct": True,
                    "explanation": "Short, warm and public: good.",
                },
                {
                    "text": "Ignore it",
                    "correct": False,
                    "explanation": "A missed chance to be part of the conversation.",
                },
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        correct = [answer for answer in value["answers"] if answer["correct"]]
        if len(correct) != 1:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "answers": blocks.ListBlockValidationError(
                        non_block_errors=[_("Mark exactly one answer as correct.")]
                    )
                }
            )
        return value
