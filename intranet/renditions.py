"""Every image rendition the templates ask for, in one place, and made ahead.

The ``{% rendition %}`` tags in ``templates/`` name these filter specs, the
listings prefetch them, and ``load_demo`` makes them ahead of the first page view.
A test reads the templates and fails if one asks for a spec that is not here.

No page view makes a rendition. A task makes them after the transaction commits:
every spec of ``ALL`` when an image is uploaded or its file or focal point changes
(the editor picks where it goes later, and the six are small files), and the ones
a page shows when it is published, or the organisation's logo when its settings
are saved (for images uploaded before, or whose task has not run). A page whose
rendition is not made yet links to Wagtail's rendition view, at a signed address,
which makes it when the browser asks for the picture (``ready``).
"""

from collections import defaultdict

from django.apps import apps
from django.db import transaction
from django_tasks import task
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.models import Page

CARD = "fill-640x360"  # a post card's picture, in listings and the newsroom
WIDE = "width-1200"  # a picture across the column of a post or update
SHARE = "fill-1200x630"  # og:image and twitter:image of a public post
PORTRAIT = "fill-192x192"  # a leader's photo, shown 96 pixels wide
UPDATE_CARD = "width-800"  # the picture on a leader's update card
LOGO = "height-40"  # the organisation's logo in the header

FEATURED_IMAGE = (CARD, WIDE, SHARE)
BODY_IMAGE = (WIDE,)
LEADER_PHOTO = (PORTRAIT,)
UPDATE_IMAGE = (UPDATE_CARD, WIDE)
ORGANISATION_LOGO = (LOGO,)

ALL = frozenset(
    FEATURED_IMAGE + BODY_IMAGE + LEADER_PHOTO + UPDATE_IMAGE + ORGANISATION_LOGO
)

# An image's fields whose change calls for new renditions: the file, and the focal
# point the fill specs crop around.
PICTURE_FIELDS = frozenset(
    {
        "file",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    }
)

VIEW = "intranet:image"  # Wagtail's rendition view, in intranet.urls


def make(images, specs) -> int:
    """Make the renditions ``specs`` of each image that are missing; return how many
    were made."""
    return make_each({image.pk: specs for image in images if image is not None})


def make_each(specs_by_image: dict) -> int:
    """Make the missing renditions of each image id in ``specs_by_image``, the specs
    it names; return how many were made."""
    if not specs_by_image:
        return 0
    model = get_image_model()
    renditions = model.get_rendition_model().objects
    before = renditions.count()
    for image in model.objects.filter(pk__in=specs_by_image):
        image.get_renditions(*sorted(specs_by_image[image.pk]))
    return renditions.count() - before


def uses(obj) -> dict[int, set[str]]:
    """The images ``obj`` shows, by id, and the specs of each that its templates and
    the listings it appears in ask for: an image's are all of ``ALL``; a page's or
    setting's are named by its ``image_renditions`` (field name: specs), and every
    image in its StreamFields is a body image."""
    if isinstance(obj, AbstractImage):
        return {obj.pk: set(ALL)}
    found = defaultdict(set)
    for name, specs in getattr(obj, "image_renditions", {}).items():
        image_id = getattr(obj, obj._meta.get_field(name).attname)
        if image_id:
            found[image_id].update(specs)
    for field in obj._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        value = field.value_from_object(obj)
        if value is None:
            continue
        for model, pk, _path, _content in field.extract_references(value):
            if issubclass(model, AbstractImage):
                found[int(pk)].update(BODY_IMAGE)
    return dict(found)


@task()
def make_renditions_of(model: str, pk: int) -> int:
    """Make the renditions the object ``model`` (an app label and model name) number
    ``pk`` shows, if it still exists (and, for a page, is live)."""
    obj = apps.get_model(model)._default_manager.filter(pk=pk).first()
    if obj is None or (isinstance(obj, Page) and not obj.live):
        return 0
    return make_each(uses(obj))


def make_ahead(obj) -> None:
    """Once the transaction commits, queue the making of ``obj``'s renditions."""
    model, pk = obj._meta.label, obj.pk
    transaction.on_commit(lambda: make_renditions_of.enqueue(model, pk))


def image_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """An uploaded image, or one with a new file or focal point, gets its
    renditions (Wagtail's image form deletes the old ones in the same
    transaction)."""
    if raw or (update_fields is not None and not PICTURE_FIELDS & set(update_fields)):
        return
    make_ahead(instance)


def page_published(sender, instance, **kwargs):
    """A published intranet page gets the renditions it and its listings show."""
    from intranet.models import IntranetPageMixin

    if isinstance(instance, IntranetPageMixin):
        make_ahead(instance)


def settings_saved(sender, instance, raw=False, **kwargs):
    """The organisation's settings, saved, get their logo's rendition."""
    if not raw:
        make_ahead(instance)


class Pending:
    """A rendition not made yet, shown at the address of Wagtail's rendition view,
    which makes it when the browser asks for the picture. It has the width, height
    and alt text the rendition will have, and the same ``<img>``."""

    alt = AbstractRendition.alt
    attrs = AbstractRendition.attrs
    attrs_dict = AbstractRendition.attrs_dict
    full_url = AbstractRendition.full_url
    img_tag = AbstractRendition.img_tag
    __html__ = AbstractRendition.__html__

    def __init__(self, image, filter: Filter):
        # Wagtail's view module looks up the image model as it is imported.
        from wagtail.images.views.serve import generate_image_url

        self.image = image
        self.filter_spec = filter.spec
        self.width, self.height = filter.get_transform(image).size
        self.url = generate_image_url(image, filter.spec, viewname=VIEW)


def ready(image, filter: Filter | str):
    """``image``'s rendition ``filter`` when it is made (prefetched with the image,
    in the renditions cache or in the database), else a ``Pending`` one: never
    made here, so no page view waits for a picture to be resized."""
    if isinstance(filter, str):
        filter = Filter(spec=filter)
    filter = image.clean_filter_for_svg(filter)
    Rendition = image.get_rendition_model()
    try:
        rendition = image.find_existing_rendition(filter)
    except Rendition.DoesNotExist:
        return Pending(image, filter)
    if not getattr(rendition, "_from_cache", False):
        Rendition.cache_backend.set(
            Rendition.construct_cache_key(
                image, filter.get_cache_key(image), filter.spec
            ),
            rendition,
        )
    return rendition
