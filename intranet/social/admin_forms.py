from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .models import CommentReport


class ReportDecisionForm(WagtailAdminModelForm):
    """A moderator's decision on a flagged comment: hide it, or let it stay."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (CommentReport.Status.HIDDEN, _("Hide the comment")),
            (CommentReport.Status.DISMISSED, _("Let it stay: dismiss the reports")),
        ],
        widget=forms.RadioSelect,
    )
    reason_for_author = forms.CharField(
        label=_("Reason the author sees"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you hide the comment. Write it for its author."),
    )

    class Meta:
        model = CommentReport
        fields = []

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == CommentReport.Status.HIDDEN
            and not (cleaned.get("reason_for_author") or "").strip()
        ):
            self.add_error(
                "reason_for_author", _("Say why, so the author understands.")
            )
        return cleaned

    def save(self, commit=True):
        report = self.instance
        if self.cleaned_data["decision"] == CommentReport.Status.HIDDEN:
            services.hide_comment(
                report.comment,
                self.for_user,
                self.cleaned_data["reason_for_author"].strip(),
            )
        else:
            services.dismiss_reports(report.comment, self.for_user)
        report.refresh_from_db()
        return report
