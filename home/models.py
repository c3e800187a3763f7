"""The reference site's pages outside the intranet's packages: its public website
(a home page and plain pages, with the intranet's newsroom among them) and its
intranet home page, the intranet's as it comes."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from intranet.home.models import AbstractIntranetHomePage

FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class IntranetHomePage(AbstractIntranetHomePage):
    """The intranet is the tree under this page."""


class HomePage(Page):
    """The organisation's public home page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic"])
    body = RichTextField(_("body"), blank=True, features=FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["home.PublicPage", "intranet_blog.NewsroomPage"]
    max_count = 1

    class Meta:
        verbose_name = _("public home page")


class PublicPage(Page):
    """A plain page of the public website: about us, contact."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic"])
    body = RichTextField(_("body"), blank=True, features=FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.PublicPage"]

    class Meta:
        verbose_name = _("public page")
