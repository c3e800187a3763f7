"""The page types the site owns, found by their base.

The intranet holds the mechanics and an abstract base for each family of pages a
site may want to extend: the intranet home, the blog index and post, the
guidelines hub, the guideline and the training module. The site declares one
concrete class for each, in a few lines, in an app of its own (the reference
site's ``home``, ``blog`` and ``guidelines``), so it can add fields and choose the
names. The intranet finds them here, by their base; ``intranet.checks`` says
clearly when one is missing or declared twice.

In ``subpage_types`` and ``parent_page_types`` of the intranet's own pages, a
family is named ``"intranet:<family>"`` (for example ``"intranet:blog_post"``).
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from wagtail.coreutils import camelcase_to_underscore, resolve_model_string
from wagtail.models import get_page_models

FAMILIES = {
    "intranet_home": "intranet.home.models.AbstractIntranetHomePage",
    "blog_index": "intranet.blog.models.AbstractBlogIndexPage",
    "blog_post": "intranet.blog.models.AbstractBlogPostPage",
    "guidelines_hub": "intranet.guidelines.models.pages.AbstractGuidelinesHubPage",
    "guideline": "intranet.guidelines.models.pages.AbstractGuidelinePage",
    "training_module": "intranet.guidelines.models.pages.AbstractTrainingModulePage",
}
PREFIX = "intranet:"


def base(family: str):
    """The abstract base of a family."""
    return import_string(FAMILIES[family])


def concrete_models(family: str) -> list:
    """Every concrete page model the site declared on a family's base."""
    family_base = base(family)
    return [
        model
        for model in get_page_models()
        if issubclass(model, family_base)
        and not model._meta.abstract
        and not model._meta.proxy
    ]


def model(family: str):
    """The site's page model of a family: exactly one must be declared."""
    found = concrete_models(family)
    if len(found) != 1:
        raise ImproperlyConfigured(
            f"The intranet needs exactly one page model on {FAMILIES[family]}, "
            f"found {len(found)}: run manage.py check."
        )
    return found[0]


def home_page_model():
    return model("intranet_home")


def blog_index_model():
    return model("blog_index")


def blog_post_model():
    return model("blog_post")


def guidelines_hub_model():
    return model("guidelines_hub")


def guideline_model():
    return model("guideline")


def training_module_model():
    return model("training_module")


def resolve_page_types(entries, app_label: str) -> list:
    """``subpage_types`` or ``parent_page_types`` as model classes: families
    (``"intranet:blog_post"``) become the site's concrete models."""
    resolved = []
    for entry in entries:
        if isinstance(entry, str) and entry.startswith(PREFIX):
            resolved.extend(concrete_models(entry[len(PREFIX) :]))
        else:
            resolved.append(resolve_model_string(entry, app_label))
    return resolved


def use_intranet_templates() -> None:
    """A site's page class that names no template of its own renders with the
    intranet's (its base's ``intranet_template``) rather than Wagtail's default
    path under the site's app."""
    for page_model in get_page_models():
        fallback = getattr(page_model, "intranet_template", None)
        if fallback is None:
            continue
        default = f"{page_model._meta.app_label}/{camelcase_to_underscore(page_model.__name__)}.html"
        if page_model.template == default:
            page_model.template = fallback
