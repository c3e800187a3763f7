"""Every image rendition the templates ask for, in one place.

The ``{% image %}`` tags in ``templates/`` name these filter specs, the listings
prefetch them, and ``load_demo`` makes them ahead of the first page view. A test
reads the templates and fails if one asks for a spec that is not here.
"""

from wagtail.images import get_image_model

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


def make(images, specs) -> int:
    """Make the renditions ``specs`` of each image that are missing; return how many
    were made."""
    images = [image for image in images if image is not None]
    if not images:
        return 0
    model = get_image_model()
    renditions = model.get_rendition_model().objects
    before = renditions.count()
    for image in model.objects.filter(pk__in={image.pk for image in images}):
        image.get_renditions(*specs)
    return renditions.count() - before
