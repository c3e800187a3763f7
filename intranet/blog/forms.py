from intranet.forms import AudienceAdminForm


class BlogPostAdminForm(AudienceAdminForm):
    """The admin form of a blog post.

    A new post starts with the editor writing it as its author. "What changed" is
    asked only when a live post is updated: a post not yet published has no readers
    to tell, so the field is left out until it is.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        is_new = page.pk is None
        if is_new or not page.live:
            self.fields.pop("change_note", None)
        authors = self.formsets.get("authors")
        if (
            is_new
            and authors is not None
            and not self.is_bound
            and self.for_user is not None
            and self.for_user.pk is not None
        ):
            authors.initial_extra = [{"person": self.for_user.pk}]
