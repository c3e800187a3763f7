import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

PREFIX = "q-"


def answer_order(user, question) -> list[int]:
    """The indexes of a question's answers in the order this person sees them.

    Shuffled per person and question, so the right answer is not always first, yet
    stable across reloads: the order is a hash of the person, question and answer.
    The answers keep their own indexes as values, so grading does not change.
    """
    count = len(question.value["answers"])
    return sorted(
        range(count),
        key=lambda index: hashlib.sha256(
            f"{user.pk}:{question.id}:{index}".encode()
        ).digest(),
    )


class KnowledgeCheckForm(forms.Form):
    """A module's knowledge check: one radio group per question, named ``q-<id>``.

    An answer sheet with missing answers, unknown questions or questions of another
    module is refused with a message saying which; the answers given stay chosen.
    """

    def __init__(self, module, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        for number, question in enumerate(module.questions, start=1):
            answers = question.value["answers"]
            self.fields[PREFIX + question.id] = forms.TypedChoiceField(
                label=question.value["question"],
                label_suffix="",
                choices=[
                    (str(index), answers[index]["text"])
                    for index in answer_order(user, question)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer to question %(number)s.")
                    % {"number": number},
                    "invalid_choice": _(
                        "That is not one of the answers to question %(number)s."
                    )
                    % {"number": number},
                },
            )
            self.fields[PREFIX + question.id].number = number

    def clean(self):
        cleaned = super().clean()
        sent = {key[len(PREFIX) :] for key in self.data if key.startswith(PREFIX)}
        unknown = sent - {name[len(PREFIX) :] for name in self.fields}
        if unknown:
            elsewhere = self.module.__class__.objects.exclude(pk=self.module.pk)
            owners = [m for m in elsewhere if unknown & set(m.question_ids)]
            if owners:
                raise ValidationError(
                    _(
                        "This answer sheet has questions from another module "
                        "(“%(title)s”). Answer this module's questions only."
                    )
                    % {"title": owners[0].title},
                    code="other_module",
                )
            raise ValidationError(
                _("This answer sheet has questions this module does not ask."),
                code="unknown_question",
            )
        missing = [name for name in self.fields if not self.data.get(name)]
        if missing:
            raise ValidationError(
                ngettext(
                    "One question has no answer yet.",
                    "%(count)s questions have no answer yet.",
                    len(missing),
                )
                % {"count": len(missing)},
                code="missing",
            )
        return cleaned

    def answers(self) -> dict[str, int]:
        return {name[len(PREFIX) :]: value for name, value in self.cleaned_data.items()}
