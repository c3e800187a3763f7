"""Admin forms for leaders' pages: what a leader may change, and what only editors may.

A leader edits their profile and their updates in the Wagtail admin; the person a
profile belongs to and an update's audience are editors' decisions. For anyone else
those fields are disabled, so a forged value in the POST is ignored and the stored
value stands.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from intranet.forms import AudienceAdminForm
from intranet.roles import is_editor


class EditorFieldsForm(WagtailAdminPageForm):
    editor_only_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_editor(self.for_user):
            for name in self.editor_only_fields:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = (
                        f"{self.fields[name].help_text} Only editors can change this."
                    ).strip()


class LeaderProfileForm(EditorFieldsForm):
    """Also the leader's display name: readers trust a leader's name, so only
    editors set it, here (the profile form at /accounts/profile/ locks it)."""

    editor_only_fields = ("user", "display_name")

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        required=False,
        help_text=_(
            "How colleagues see the leader's name across the intranet. Leave empty "
            "to use their full name. It changes as soon as the page is saved."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.user_id:
            self.initial["display_name"] = self._leader_profile().display_name

    def _leader_profile(self):
        from .models import profile_of

        return profile_of(self.instance.user)

    def save(self, commit=True):
        page = super().save(commit=commit)
        field = self.fields["display_name"]
        if not field.disabled and "display_name" in self.changed_data and page.user_id:
            profile = self._leader_profile()
            profile.display_name = " ".join(self.cleaned_data["display_name"].split())
            profile.save()
        return page


class LeaderUpdateForm(AudienceAdminForm):
    """Only editors choose an update's audience (see AudienceAdminForm); a new update
    records who drafted it when that is not the leader."""

    def save(self, commit=True):
        page = super().save(commit=False)
        if page.pk is None:
            leader_id = getattr(self.parent_page.specific, "user_id", None)
            user = self.for_user
            page.prepared_with = user if user.pk != leader_id else None
        if commit:
            page.save()
            self.save_m2m()
        return page
