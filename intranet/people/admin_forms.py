"""Admin forms for leaders' pages: what a leader may change, and what only editors may.

A leader edits their profile and their updates in the Wagtail admin; the person a
profile belongs to and an update's audience are editors' decisions. For anyone else
those fields are disabled, so a forged value in the POST is ignored and the stored
value stands.
"""

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
    editor_only_fields = ("user",)


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
