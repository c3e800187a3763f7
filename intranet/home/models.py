from django.core.cache import cache
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from intranet import context_processors as navigation
from intranet import renditions
from intranet.models import IntranetPageMixin
from intranet.panels import panels_for


class AbstractIntranetHomePage(IntranetPageMixin, Page):
    """Where a member of staff lands: what is new for them, and the way in to each section."""

    intranet_template = "intranet/home/home_page.html"
    # The intranet is the tree under this page (see intranet.audience).
    is_intranet_home = True

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "intranet:blog_index",
        "intranet_discussions.DiscussionIndexPage",
        "intranet:guidelines_hub",
        "intranet_people.PeopleIndexPage",
    ]
    max_count = 1

    class Meta:
        abstract = True
        verbose_name = _("intranet home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = navigation.sections(request)
        context["panels"] = panels_for(request)
        return context


# Saving the settings forgets them at once and again on commit; the timeout bounds
# how long a change that was rolled back can linger.
SETTINGS_CACHE_SECONDS = 300


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """The organisation's name and logo, shown in every page's header."""

    name = models.CharField(_("organisation name"), max_length=100, default="Intranet")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of every page, 40 pixels high."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        help_text=_("A short line under the name on the sign-in page."),
    )

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("tagline")]

    # What saving them makes ahead (intranet.renditions).
    image_renditions = {"logo": renditions.ORGANISATION_LOGO}

    class Meta:
        verbose_name = _("organisation")

    @classmethod
    def for_site(cls, site):
        """The site's settings, or the defaults until an editor saves them.

        Wagtail's own ``for_site`` creates the row on first read; every page reads
        it, anonymous visitors' too, and they write nothing to the database.
        """
        if site is None:
            raise cls.DoesNotExist(f"{cls.__name__} does not exist for site None.")
        key = cls.cache_key(site.pk)
        found = cache.get(key)
        if found is None:
            found = cls.base_queryset().filter(site=site).first() or cls(site=site)
            cache.set(key, found, SETTINGS_CACHE_SECONDS)
        return found

    @staticmethod
    def cache_key(site_id) -> str:
        """Every page reads the settings: they are kept in the cache, and forgotten
        when they, or a picture they might show, change."""
        return f"intranet:organisation:{site_id}"

    @classmethod
    def forget(cls, **kwargs) -> None:
        def forget_all():
            cache.delete_many(
                [cls.cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
            )

        forget_all()
        transaction.on_commit(forget_all)
