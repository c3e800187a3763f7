from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from .models import ResultsShown

TITLE_MAX = 150
BODY_MAX = 5000
MAX_TAGS = 5
TAG_MAX = 40
MIN_OPTIONS, MAX_OPTIONS = 2, 10


def too_long(limit):
    return _("This can be up to %(limit_value)d characters; yours has %(show_value)d.")


class ThreadTextMixin(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("A question or a short statement, up to 150 characters."),
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX, "dir": "auto"}),
        error_messages={
            "required": _("Give your thread a title."),
            "max_length": too_long(TITLE_MAX),
        },
    )
    body = forms.CharField(
        label=_("What you want to say"),
        max_length=BODY_MAX,
        help_text=_("Plain text. Links work; formatting does not."),
        widget=forms.Textarea(attrs={"rows": 7, "maxlength": BODY_MAX, "dir": "auto"}),
        error_messages={
            "required": _("Say a little more about it."),
            "max_length": too_long(BODY_MAX),
        },
    )


class ThreadForm(ThreadTextMixin):
    tags = forms.CharField(
        label=_("Topics"),
        required=False,
        help_text=_(
            "Up to five, separated by commas: e.g. LinkedIn, customer service."
        ),
    )
    question = forms.CharField(
        label=_("Poll question"),
        required=False,
        max_length=200,
        help_text=_("Typing a question or options adds a poll to the thread."),
    )
    options = forms.CharField(
        label=_("Options, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Between 2 and 10 different options."),
    )
    max_choices = forms.IntegerField(
        label=_("How many options may each person choose?"),
        min_value=1,
        max_value=MAX_OPTIONS,
        initial=1,
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        help_text=_("Optional. After this, nobody can vote or change their vote."),
    )
    results_shown = forms.ChoiceField(
        label=_("Show results"),
        choices=ResultsShown.choices,
        initial=ResultsShown.AFTER_VOTING,
        required=False,
    )
    secret = forms.BooleanField(
        label=_("Secret ballot: show counts only, never who voted what"),
        required=False,
        initial=True,
    )

    def clean_tags(self):
        tags = parse_tags(self.cleaned_data["tags"])
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(_("Choose up to five topics."))
        for tag in tags:
            if len(tag) > TAG_MAX:
                raise forms.ValidationError(
                    _("Topics can be up to 40 characters: “%(tag)s…” is longer."),
                    params={"tag": tag[:40]},
                )
        return tags

    def clean_options(self):
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        return lines

    POLL_FIELDS = ("question", "options", "closes_at")

    @property
    def has_poll(self) -> bool:
        """A question or any option typed means the thread carries a poll."""
        if not self.is_bound:
            return False
        return any(self.data.get(name, "").strip() for name in ("question", "options"))

    @property
    def poll_open(self) -> bool:
        """Whether the poll's fields show unfolded: when anything was typed in them
        or one of them has an error."""
        if not self.is_bound:
            return False
        typed = any(self.data.get(name, "").strip() for name in self.POLL_FIELDS)
        return typed or any(
            name in self.errors
            for name in (*self.POLL_FIELDS, "max_choices", "results_shown")
        )

    def clean(self):
        cleaned = super().clean()
        if not self.has_poll:
            if cleaned.get("closes_at"):
                self.add_error(
                    "closes_at",
                    _(
                        "A closing time needs a poll: type a question and its "
                        "options, or clear the closing time."
                    ),
                )
            return cleaned
        if "question" in self.errors or "options" in self.errors:
            return cleaned
        question = cleaned.get("question", "").strip()
        options = cleaned.get("options") or []
        if not question:
            self.add_error(
                "question", _("Type the poll's question, or clear its options.")
            )
        for number, label in enumerate(options, start=1):
            if not label:
                self.add_error("options", _("Option %(n)d is empty.") % {"n": number})
                return cleaned
            if len(label) > 120:
                self.add_error(
                    "options", _("Option %(n)d is over 120 characters.") % {"n": number}
                )
                return cleaned
        seen = {}
        for label in options:
            if label.casefold() in seen:
                self.add_error(
                    "options",
                    _("Two options say “%(label)s”: make each option different.")
                    % {"label": label},
                )
                return cleaned
            seen[label.casefold()] = label
        if not options:
            self.add_error(
                "options",
                _("Type the poll's options, one per line, or clear its question."),
            )
        elif not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            self.add_error(
                "options",
                _("A poll needs between 2 and 10 options; this one has %(n)d.")
                % {"n": len(options)},
            )
        max_choices = cleaned.get("max_choices") or 1
        if options and max_choices > len(options):
            self.add_error(
                "max_choices", _("People cannot choose more options than there are.")
            )
        closes_at = cleaned.get("closes_at")
        if closes_at and closes_at <= timezone.now():
            self.add_error("closes_at", _("Choose a closing time in the future."))
        cleaned["question"] = question
        cleaned["max_choices"] = max_choices
        cleaned["results_shown"] = (
            cleaned.get("results_shown") or ResultsShown.AFTER_VOTING
        )
        return cleaned

    def poll_data(self):
        if not self.has_poll:
            return None
        return {
            key: self.cleaned_data[key]
            for key in (
                "question",
                "options",
                "max_choices",
                "closes_at",
                "results_shown",
                "secret",
            )
        }


class EditThreadForm(ThreadTextMixin):
    pass
