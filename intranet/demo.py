"""The demo content's building blocks, shared by every app's ``demo`` module.

Each app that contributes demo content has a ``demo.py`` that registers steps with
``@step(order)``. ``manage.py intranet_load_demo`` runs them in order. Every step is
idempotent: it looks things up before creating them and returns how many things it
added, so a second run adds nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import CommandError
from django.utils.module_loading import autodiscover_modules
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

DEMO_PASSWORD = "changeme"  # noqa: S105 - the documented demo password
DEMO_IMAGES = Path(__file__).resolve().parent / "demo_images"
DEMO_COLLECTION = "Demo"
# The demo's pictures, drawn for it by tools/make_demo_images.py: the file's name in
# demo_images/, its title in the image library, and its description (the alt text).
PICTURES = {
    "tampere-lake": (
        "Tampere: the lake and the forest",
        "A red cabin and a jetty on a lake shore, with spruce forest across the water.",
    ),
    "tampere-canoes": (
        "Tampere: canoeing on the lake",
        "Two canoes of colleagues paddling across a calm lake.",
    ),
    "tampere-workshop": (
        "Tampere: the morning workshop",
        "Four colleagues in front of a board of sticky notes.",
    ),
    "office": (
        "The Oulu office",
        "Two desks with screens and plants, by windows onto a snowy street.",
    ),
    "laptop-chart": (
        "A chart of shares",
        "A laptop showing a bar chart that rises month by month.",
    ),
    "network": (
        "Conversations that connect",
        "Coloured circles linked by lines around a speech bubble.",
    ),
    "speech-bubbles": (
        "Answering on Facebook",
        "A phone showing a conversation in speech bubbles, with smiling faces around it.",
    ),
    "profile-card": (
        "A profile in five steps",
        "A profile card with a photo and a button, beside five rising steps.",
    ),
    "megaphone": (
        "Be an ambassador",
        "A megaphone sending out coloured sound waves.",
    ),
    "portrait-laura": ("Laura Bennett", "Illustrated portrait of Laura Bennett."),
    "portrait-oliver": ("Oliver Grant", "Illustrated portrait of Oliver Grant."),
    "portrait-priya": ("Priya Shah", "Illustrated portrait of Priya Shah."),
    "portrait-elina": ("Elina Virtanen", "Illustrated portrait of Elina Virtanen."),
    "portrait-mikko": ("Mikko Laine", "Illustrated portrait of Mikko Laine."),
    "portrait-sam": ("Sam Okafor", "Illustrated portrait of Sam Okafor."),
}


@dataclass
class Step:
    order: int
    name: str
    run: callable


@dataclass
class Registry:
    steps: list[Step] = field(default_factory=list)

    def step(self, order: int, name: str):
        def register(func):
            self.steps.append(Step(order, name, func))
            return func

        return register

    def ordered(self) -> list[Step]:
        autodiscover_modules("demo")
        return sorted(self.steps, key=lambda s: (s.order, s.name))


registry = Registry()
step = registry.step


def site_address() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def demo_collection():
    collection = Collection.objects.filter(name=DEMO_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=DEMO_COLLECTION)
    return collection


def demo_picture(name):
    """The demo picture ``name`` in the image library, or None before it is loaded."""
    title, _description = PICTURES[name]
    return (
        get_image_model()
        .objects.filter(collection__name=DEMO_COLLECTION, title=title)
        .order_by("pk")
        .first()
    )


@step(15, "Demo pictures in the image library")
def pictures(stdout):
    collection = demo_collection()
    added = 0
    for name, (title, description) in PICTURES.items():
        if demo_picture(name) is not None:
            continue
        with (DEMO_IMAGES / f"{name}.jpg").open("rb") as file:
            image = get_image_model()(
                title=title,
                description=description,
                collection=collection,
                file=ImageFile(file, name=f"{name}.jpg"),
            )
            image._set_image_file_metadata()
            image.save()
        added += 1
    return added


def get_or_create_child(parent, model, slug, **fields):
    """The child page of ``parent`` with ``slug``, created and published if missing.

    Returns ``(page, created)``.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        if not isinstance(existing.specific, model):
            raise CommandError(
                f"{existing.url_path} is already a page of another kind; the demo "
                f"needs its own {model._meta.verbose_name} there."
            )
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


# Translations ----------------------------------------------------------------------


def translation_locale(language_code):
    """The Locale the demo translates some of its pages into, or None when the site
    does not translate its pages (Wagtail's localisation off, or no such locale)."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    return Locale.objects.filter(language_code=language_code).first()


def originals(queryset):
    """Only the demo's pages in the site's own language. Their translations keep
    their slugs, so a look-up by slug alone could find either."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return queryset
    return queryset.filter(locale=Locale.get_default())


def translate(page, locale, **fields):
    """``page``'s translation into ``locale``, made and published with ``fields``
    (its translated title, body, …) if missing; one that exists is left as its
    editors left it. Returns ``(translation, created)``.

    Made the way Wagtail's own translation action does it
    (``copy_for_translation``): the copy keeps everything not given here, from the
    audience to the authors, and is a translation of ``page``. A parent not
    translated yet is copied too, as an alias of the original.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    # A translation is no news: it keeps its original's dates, so nobody is told
    # about it as a new post, and listings keep it where the original is.
    translation.first_published_at = page.first_published_at
    translation.save_revision().publish()
    translation.last_published_at = page.last_published_at
    Page.objects.filter(pk=translation.pk).update(
        last_published_at=page.last_published_at
    )
    return translation, True


# Colleagues across departments -----------------------------------------------------


# The engagement report's story: by department, how many colleagues, and the share
# of them who read the intranet, take part, and have acknowledged the must-read
# guidelines. Customer Service is ahead on everything; Sales is far behind on
# reading and on the policy.
@dataclass(frozen=True)
class DepartmentStory:
    people: int
    reading: float
    taking_part: float
    policy: float
    locations: tuple[str, ...]


DEPARTMENT_STORIES = {
    "Customer Service": DepartmentStory(22, 0.92, 0.45, 0.95, ("Tampere", "Oulu")),
    "Sales": DepartmentStory(16, 0.22, 0.06, 0.19, ("Helsinki", "Tampere")),
    "Digital": DepartmentStory(12, 0.7, 0.3, 0.75, ("Helsinki",)),
    "Finance": DepartmentStory(8, 0.55, 0.12, 0.62, ("Helsinki", "Oulu")),
    "Communications": DepartmentStory(6, 0.85, 0.5, 0.83, ("Helsinki",)),
}
COLLEAGUE_PREFIX = "colleague-"
FIRST_NAMES = [
    "Aino",
    "Eero",
    "Helmi",
    "Juho",
    "Kaisa",
    "Lauri",
    "Minna",
    "Niko",
    "Oona",
    "Pekka",
    "Riikka",
    "Sanna",
    "Tuomas",
    "Venla",
    "Ahmed",
    "Grace",
    "Hannah",
    "Isaac",
    "Maria",
    "Noah",
    "Olivia",
    "Ravi",
    "Sofia",
    "Tom",
]
LAST_NAMES = [
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
    "Hughes",
    "Patel",
    "Walker",
    "Okoro",
    "Silva",
    "Novak",
]


def demo_colleagues():
    """(username, first name, last name, department, location) of every colleague
    the demo adds to make the engagement figures tell their story."""
    people = []
    n = 0
    for department, story in DEPARTMENT_STORIES.items():
        for i in range(story.people):
            first = FIRST_NAMES[n % len(FIRST_NAMES)]
            last = LAST_NAMES[(n * 5 + 3) % len(LAST_NAMES)]
            location = story.locations[i % len(story.locations)]
            people.append(
                (f"{COLLEAGUE_PREFIX}{n + 1:02d}", first, last, department, location)
            )
            n += 1
    return people


def colleagues_with_stories() -> list[tuple]:
    """The demo colleagues already added, each with their department's story."""
    from django.contrib.auth import get_user_model

    people = (
        get_user_model()
        .objects.filter(username__startswith=COLLEAGUE_PREFIX)
        .select_related("intranet_profile")
        .order_by("username")
    )
    return [
        (person, story)
        for person in people
        if (story := DEPARTMENT_STORIES.get(person.intranet_profile.department))
    ]
