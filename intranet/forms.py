from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from intranet import translations
from intranet.roles import is_editor


class AudienceAdminForm(WagtailAdminPageForm):
    """The admin form of a page with an audience: only editors may change it.

    For anyone else the audience field is disabled, so whatever a forged form sends is
    ignored and the page keeps the audience it had (staff-only for a new page). A
    change is handed to the after_create_page / after_edit_page hooks, which write it
    to the audit log (intranet/wagtail_hooks.py): the admin views refetch the page
    before those hooks run, so it travels on the request's user, keyed by the page.

    A translation has its original's audience (``AudienceMixin.save``): the field is
    disabled on it for everyone, and says where to change it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.audience_before = self.instance.audience
        if "audience" not in self.fields:
            return
        field = self.fields["audience"]
        original = self.original_audience()
        if original is not None:
            self.audience_before = original
            field.initial = original
            field.disabled = True
            field.help_text = _(
                "A translation has the audience of its original: change it there."
            )
        elif not is_editor(self.for_user):
            field.disabled = True
            field.help_text = _("Only editors can make a page public.")

    def original_audience(self):
        page = self.instance
        if page.pk is None or not translations.several():
            return None
        return page.original_audience()

    def clean(self):
        cleaned_data = super().clean()
        if "audience" in self.fields and self.fields["audience"].disabled:
            cleaned_data["audience"] = self.audience_before
            self.instance.audience = self.audience_before
        return cleaned_data

    def save(self, commit=True):
        page = self.instance
        if not is_editor(self.for_user):
            page.audience = self.audience_before
        changes = getattr(self.for_user, "_audience_changes", None)
        if changes is None:
            changes = self.for_user._audience_changes = {}
        if page.audience != self.audience_before:
            changes[page.pk] = (self.audience_before, page.audience)
        else:
            changes.pop(page.pk, None)
        return super().save(commit=commit)
