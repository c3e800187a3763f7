from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

PREFIX = "q-"


class KnowledgeCheckForm(forms.Form):
    """A module's knowledge check: one radio group per question, named ``q-<id>``.

    An answer sheet with missing answers, unknown questions or questions of another
    module is refused with a message saying which; the answers given stay chosen.
    """

    def __init__(self, module, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        for number, question in enumerate(module.questions, start=1):
            self.fields[PREFIX + question.id] = forms.TypedChoiceField(
                label=question.value["question"],
                label_suffix="",
                choices=[
                    (str(index), answer["text"])
                    for index, answer in enumerate(question.value["answers"])
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
