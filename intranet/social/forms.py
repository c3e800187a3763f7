from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.ids import IdField

from .models import Delivery, Kind, Reaction
from .services import MAX_LENGTH


class CommentTextField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Your comment"),
            max_length=MAX_LENGTH,
            strip=True,
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_LENGTH}),
            error_messages={
                "required": _("Write something before you send it."),
                "max_length": _(
                    "Comments can be up to %(limit_value)d characters; "
                    "this one has %(show_value)d."
                ),
            },
            **kwargs,
        )


class CommentForm(forms.Form):
    """A comment: text only. The author is the signed-in account, never a form field."""

    text = CommentTextField()
    parent = IdField(required=False, widget=forms.HiddenInput)
    token = forms.UUIDField(widget=forms.HiddenInput)
    is_question = forms.BooleanField(
        label=_("Ask this as a question"),
        required=False,
        help_text=_("It shows as unanswered until it gets an answer."),
    )


class EditCommentForm(forms.Form):
    text = CommentTextField()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        error_messages={"required": _("Say why, so the people involved understand.")},
    )


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.choices)


class PreferencesForm(forms.Form):
    """For each kind of notification: under the bell or not, and how by e-mail."""

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = []
        for kind in Kind:
            choice = choices[kind]
            site = f"{kind}_site"
            email = f"{kind}_email"
            self.fields[site] = forms.BooleanField(
                label=_("On the site: %(kind)s") % {"kind": kind.label},
                required=False,
                initial=choice.on_site,
            )
            self.fields[email] = forms.ChoiceField(
                label=_("By e-mail: %(kind)s") % {"kind": kind.label},
                choices=Delivery.choices,
                initial=choice.email,
            )
            self.kinds.append((kind, self[site], self[email]))

    def chosen(self):
        """(kind, on_site, email) for every kind, from the cleaned data."""
        return [
            (
                kind,
                self.cleaned_data[f"{kind}_site"],
                self.cleaned_data[f"{kind}_email"],
            )
            for kind in Kind
        ]
