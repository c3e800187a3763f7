from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from intranet import audience, blocks, headers, pages, reading, translations
from intranet.audience import Audience


class IntranetPageMixin:
    """First among an intranet page type's bases.

    Its responses get the intranet's headers (``intranet.headers``), it offers
    itself to a sitemap, the host's included, only when the public may read it, and
    its ``subpage_types`` and ``parent_page_types`` may name the site's page
    families (``"intranet:blog_post"``, see ``intranet.pages``). A page type that
    sets ``counts_reads`` counts who opened it (``intranet.reading``).

    On a site with several languages (``intranet.translations``) a path its tree
    has nothing at is routed in the trees of its other versions, a reader whose
    language has a version at another address is sent there, and the view
    restrictions of all its versions apply to it.
    """

    counts_reads = False

    @classmethod
    def _page_types(cls, attribute: str) -> list:
        types = getattr(cls, attribute, None)
        if types is None:
            return get_page_models()
        return pages.resolve_page_types(types, cls._meta.app_label)

    @classmethod
    def clean_subpage_models(cls):
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = cls._page_types("subpage_types")
        return cls._clean_subpage_models

    @classmethod
    def clean_parent_page_models(cls):
        if cls._clean_parent_page_models is None:
            cls._clean_parent_page_models = cls._page_types("parent_page_types")
        return cls._clean_parent_page_models

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or not translations.several():
                raise
            return translations.route_elsewhere(self, request, path_components)

    def get_view_restrictions(self):
        if self.pk is None or not translations.several():
            return super().get_view_restrictions()
        found = self.__dict__.get("_version_restrictions")
        if found is None:
            found = audience.restrictions(self)
            len(found)  # evaluated now; a further filter or order asks afresh
            self.__dict__["_version_restrictions"] = found
        return found

    def save(self, *args, **kwargs):
        blocks.complete_stream_fields(self, kwargs.get("update_fields"))
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        moved = translations.reader_version_redirect(self, request)
        if moved is not None:
            return headers.apply(request, moved)
        response = headers.apply(request, super().serve(request, *args, **kwargs))
        if self.counts_reads:
            reading.record_read(self, request, response)
        return response

    def reach_owner_ids(self) -> set[int]:
        """Who may see how far this page reached, besides editors: its owner."""
        return {self.owner_id} - {None}

    def get_sitemap_urls(self, request=None):
        # Sitemaps list only pages without view restrictions (Wagtail's .public(),
        # the intranet's audience rule); the page's own audience is checked here.
        if not (self.live and getattr(self, "audience", None) == Audience.PUBLIC):
            return []
        return super().get_sitemap_urls(request)


class AudienceMixin(models.Model):
    """A content page that is staff-only unless an editor makes it public."""

    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.STAFF,
        help_text=_("Public pages can be read by anyone, without signing in."),
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    def save(self, *args, **kwargs):
        """A translation has its original's audience, whatever a form or a
        translation tool gave it, and the original's audience is its translations'
        as soon as it is saved: translating never makes a page public."""
        update_fields = kwargs.get("update_fields")
        syncs = translations.several() and (
            update_fields is None or "audience" in update_fields
        )
        original = self.original_audience() if syncs else None
        if original is not None:
            self.audience = original
        super().save(*args, **kwargs)
        if syncs and original is None:
            for translation in (
                type(self)
                ._default_manager.filter(translation_key=self.translation_key)
                .exclude(pk=self.pk)
                .exclude(audience=self.audience)
            ):
                translation.audience = self.audience
                translation.save(update_fields=["audience"], clean=False)

    def original_audience(self) -> str | None:
        """The audience of this page's original (its version in the default
        language), or None when this page is the original."""
        default = translations.default_locale_id()
        if self.locale_id in (None, default):
            return None
        return (
            type(self)
            ._default_manager.filter(
                translation_key=self.translation_key, locale_id=default
            )
            .exclude(pk=self.pk)
            .values_list("audience", flat=True)
            .first()
        )


class RestrictionsOnceMixin:
    """Serving a page asks for its view restrictions several times (Wagtail's privacy
    check, the audience rule, whether the reader may comment, the public layout):
    look them up once for this instance. Mix in before ``Page``."""

    def get_view_restrictions(self):
        restrictions = self.__dict__.get("_view_restrictions")
        if restrictions is None:
            restrictions = super().get_view_restrictions()
            len(restrictions)  # evaluated now; a further filter or order asks afresh
            self.__dict__["_view_restrictions"] = restrictions
        return restrictions


class SectionPage(Page):
    """One of the home page's sections: Blog, Discussions, Guidelines, People.

    A section puts ``IntranetPageMixin`` first among its bases (before any
    ``RoutablePageMixin``), which also resolves ``parent_page_types`` below."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["intranet:intranet_home"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class UserThing(models.Model):
    """A person's one-off relation to a thing: a like, a follow, an acknowledgement.

    Each concrete model adds its thing and a named ``UniqueConstraint``, so a double
    submit stores one row.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True


class IntranetPermissions(models.Model):
    """Holds the intranet's own permissions; there is no table behind it.

    The roles in ``intranet.roles`` are these permissions, given to people through
    groups (``manage.py intranet_setup`` creates some) or one by one.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            (
                "edit_intranet",
                _(
                    "Edit the intranet: publish posts and guidelines, make a post "
                    "public, plan content"
                ),
            ),
            (
                "moderate",
                _(
                    "Moderate: hide, restore and lock comments and threads, review "
                    "flagged comments"
                ),
            ),
            ("lead", _("Lead: post updates from a leader profile")),
            ("approve_policy", _("Approve and publish policies")),
            ("view_reports", _("See the guideline and training reports")),
        ]
        verbose_name = _("intranet permission")
        verbose_name_plural = _("intranet permissions")


def person_of(instance, field_name: str):
    """The user a foreign key on ``instance`` points to, loaded with their profile
    in the one query the key would cost anyway, and kept on the instance."""
    from django.contrib.auth import get_user_model

    field = instance._meta.get_field(field_name)
    if field.is_cached(instance):
        return getattr(instance, field_name)
    pk = getattr(instance, field.attname)
    users = get_user_model()._default_manager.select_related("intranet_profile")
    person = None if pk is None else users.filter(pk=pk).first()
    field.set_cached_value(instance, person)
    return person


class PageRead(models.Model):
    """A member of staff opened a page that counts reading (``counts_reads``).

    One row per person, page and week, with the first and last time seen in it: a
    page read every day of a week is one row, updated at most once a day. Reach
    counts a person once however many rows they have; the engagement report reads
    the weeks. ``manage.py intranet_prune_reads`` deletes rows past the retention
    period (``INTRANET["READS_RETENTION_DAYS"]``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="page_reads",
        verbose_name=_("person"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="reads",
        verbose_name=_("page"),
    )
    week = models.DateField(_("week starting"))
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "week"], name="unique_read_per_week"
            )
        ]
        indexes = [
            models.Index(fields=["page", "user"], name="pageread_page_user"),
            models.Index(fields=["week", "user"], name="pageread_week_user"),
            models.Index(fields=["user", "week"], name="pageread_user_week"),
        ]
        verbose_name = _("page read")
        verbose_name_plural = _("page reads")

    def __str__(self):
        return f"{self.user_id} read {self.page_id} in the week of {self.week}"
