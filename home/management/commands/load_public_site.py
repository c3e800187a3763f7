"""The reference site's public website for the demo: a home page, two plain pages
and the newsroom, served by the default Wagtail Site at localhost on BASE_URL's
port (the intranet's demo gets a Site of its own at BASE_URL).

It stands in for the public website a host already runs. Safe to run again: it adds
only what is missing, and it leaves a default Site that serves other pages alone.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage, PublicPage
from intranet.blog.models import NewsroomPage
from intranet.home.models import OrganisationSettings

NAME = "Northwind"
HOSTNAME = "localhost"


def is_wagtails_welcome_page(page) -> bool:
    return page.depth == 2 and page.specific_class is Page and not page.get_children()


def publish_child(parent, page):
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific, 0
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, 1


class Command(BaseCommand):
    help = "Load the reference site's public website: home, about, contact, newsroom."

    def handle(self, *args, **options):
        port = urlsplit(settings.WAGTAILADMIN_BASE_URL).port or 80
        with transaction.atomic():
            added = self.load(port)
        self.stdout.write(
            self.style.SUCCESS(f"Public website: {added} things added.")
            if added
            else self.style.SUCCESS("Public website: nothing to add.")
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            self.stdout.write(f"The public website and its newsroom: {site.root_url}/")

    def load(self, port: int) -> int:
        site = (
            Site.objects.filter(is_default_site=True)
            .select_related("root_page")
            .first()
        )
        if site is not None and not (
            isinstance(site.root_page.specific, HomePage)
            or is_wagtails_welcome_page(site.root_page)
        ):
            self.stdout.write("The default Site serves other pages: left as it is.")
            return 0
        added = 0
        home = HomePage.objects.first()
        if home is None:
            home = HomePage(
                title=NAME,
                slug="northwind",
                intro="<p>Northwind moves goods across the Nordics, by lake and by road.</p>",
                body="<p>Read our people's stories in the newsroom.</p>",
            )
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
            added += 1
        for page in (
            PublicPage(
                title="About us",
                slug="about",
                show_in_menus=True,
                search_description="Who we are and where we work.",
                body="<p>We are 400 people in Tampere, Turku and Oulu.</p>",
            ),
            NewsroomPage(
                title="News",
                slug="news",
                show_in_menus=True,
                search_description="Stories from our people.",
                intro="<p>Stories from our people, as they tell them.</p>",
            ),
            PublicPage(
                title="Contact",
                slug="contact",
                show_in_menus=True,
                search_description="How to reach us.",
                body="<p>hello@northwind.example</p>",
            ),
        ):
            added += publish_child(home, page)[1]
        if site is None:
            site = Site(is_default_site=True)
        welcome = site.root_page if site.root_page_id else None
        if (site.hostname, site.port, site.root_page_id) != (HOSTNAME, port, home.pk):
            site.hostname, site.port, site.root_page = HOSTNAME, port, home
            site.site_name = NAME
            site.save()
            added += 1
        if welcome is not None and is_wagtails_welcome_page(welcome):
            welcome.delete()
        org = OrganisationSettings.for_site(site)
        if org.name != NAME:
            org.name = NAME
            org.save()
            added += 1
        return added
