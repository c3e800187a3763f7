from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from wagtail.models import Page, Site

from intranet import setup
from intranet.blog.models import BlogIndexPage
from intranet.demo import get_or_create_child, step
from intranet.discussions.models import DiscussionIndexPage
from intranet.guidelines.models import GuidelinesHubPage
from intranet.people.models import PeopleIndexPage

from .models import HomePage, OrganisationSettings

ORGANISATION = "Northwind"
SECTIONS = [
    (
        BlogIndexPage,
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
        GuidelinesHubPage,
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


def _remove_wagtail_welcome_page(root):
    """Wagtail's migrations create a placeholder 'Welcome' page; the demo replaces it."""
    for page in root.get_children().exact_type(Page):
        page.delete()


@step(20, "Home page, sections and site")
def page_tree(stdout):
    added = 0
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        _remove_wagtail_welcome_page(root)
        home, _ = get_or_create_child(
            root,
            HomePage,
            "home",
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

    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = base.hostname or "localhost"
    port = base.port or (443 if base.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.root_page_id, site.hostname, site.port) != (
        home.pk,
        hostname,
        port,
    ):
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": hostname,
                "port": port,
                "root_page": home,
                "site_name": ORGANISATION,
            },
        )
        added += 1
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": base.netloc, "name": ORGANISATION}
    )
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
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
