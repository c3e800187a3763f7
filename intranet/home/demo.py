from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import CommandError
from wagtail.models import Page, Site

from intranet import pages, setup
from intranet.demo import (
    get_or_create_child,
    originals,
    step,
    translate,
    translation_locale,
)
from intranet.discussions.models import DiscussionIndexPage
from intranet.people.models import PeopleIndexPage

from .models import OrganisationSettings

ORGANISATION = "Northwind"
SECTIONS = [
    (
        pages.blog_index_model(),
        "blog",
        "Blog",
        "News and stories from across Northwind, and the conversation about them.",
        "<p>What is going on at Northwind, told by the people doing it. "
        "Read, react and join the conversation under every post.</p>",
    ),
    (
        DiscussionIndexPage,
        "discussions",
        "Discussions",
        "Ask a question, share an idea, run a quick poll: any member of staff can.",
        "<p>Start a thread about anything that matters to your work. "
        "Ask everyone's view with a poll.</p>",
    ),
    (
        pages.guidelines_hub_model(),
        "guidelines",
        "Guidelines",
        "Why we are on social media, what is OK to share, and how to start.",
        "<p>Our social-media policy, our principles and the training that goes "
        "with them. Short, clear, and written for you.</p>",
    ),
    (
        PeopleIndexPage,
        "people",
        "People",
        "Find a colleague, and hear from our leaders in their own words.",
        "<p>The staff directory, and the profiles where our leaders post updates "
        "and answer your questions.</p>",
    ),
]


@step(20, "Home page, sections and site")
def page_tree(stdout):
    added = 0
    root = Page.get_first_root_node()
    home = originals(pages.home_page_model().objects.all()).first()
    if home is None:
        home, _ = get_or_create_child(
            root,
            pages.home_page_model(),
            "intranet",
            title="Home",
            intro="<p>Welcome to the Northwind intranet: what we say, and what we "
            "say to each other.</p>",
        )
        added += 1
    for model, slug, title, description, intro in SECTIONS:
        _, created = get_or_create_child(
            home,
            model,
            slug,
            title=title,
            search_description=description,
            intro=intro,
            show_in_menus=True,
        )
        added += created

    # The intranet gets a Wagtail Site of its own at BASE_URL; the site's other
    # Sites, and their pages, stay as they are.
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = base.hostname or "localhost"
    port = base.port or (443 if base.scheme == "https" else 80)
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        taken = Site.objects.filter(hostname=hostname, port=port).first()
        if taken is not None:
            raise CommandError(
                f"The Site {hostname}:{port} already serves other pages. Set BASE_URL "
                "to an address of its own for the intranet (e.g. "
                "http://intranet.localhost:8000) and run the demo again."
            )
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            site_name=ORGANISATION,
            is_default_site=not Site.objects.filter(is_default_site=True).exists(),
        )
        added += 1
    elif (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        added += 1
    django_site = DjangoSite.objects.filter(pk=settings.SITE_ID).first()
    if django_site is None or django_site.domain == "example.com":
        DjangoSite.objects.update_or_create(
            pk=settings.SITE_ID, defaults={"domain": base.netloc, "name": ORGANISATION}
        )
    org = OrganisationSettings.for_site(site)
    if org.name != ORGANISATION:
        org.name = ORGANISATION
        org.tagline = "The Northwind staff intranet: read, discuss, share."
        org.save()
        added += 1
    return added


@step(
    21, "The intranet editors' page permissions, now there is a home (intranet_setup)"
)
def editor_permissions(stdout):
    added, _home = setup.run()
    return len(added)


# In Finnish ------------------------------------------------------------------------

FINNISH_HOME = {
    "title": "Etusivu",
    "intro": "<p>Tervetuloa Northwindin intranetiin. Täältä löydät sen, mitä kerromme "
    "ulospäin, ja sen, mistä puhumme keskenämme.</p>",
}


@step(97, "The home page in Finnish, and the editors' permissions there")
def finnish_home(stdout):
    """The Finnish tree's home: the sections with Finnish pages under it follow in
    their own steps. The intranet's editors edit and publish there as well."""
    finnish = translation_locale("fi")
    home = originals(pages.home_page_model().objects.all()).first()
    if finnish is None or home is None:
        return 0
    translated, created = translate(home, finnish, **FINNISH_HOME)
    _group, permissions = setup.ensure_group(
        setup.SPECS[setup.EDITORS], home=translated
    )
    return created + len(permissions)
