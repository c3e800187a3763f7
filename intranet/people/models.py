import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, URLValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image

from .names import name_key

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
# Wagtail's defaults, for a host that has not set its image limits.
DEFAULT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_IMAGE_PIXELS = 128_000_000
web_url = URLValidator(schemes=["http", "https"])


def photo_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()
    return f"people/photos/{uuid.uuid4().hex}{suffix}"


def photo_max_bytes() -> int | None:
    """The largest photo file accepted: the site's limit for Wagtail images."""
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def photo_max_pixels() -> int | None:
    """The most pixels a photo may have: the site's limit for Wagtail images, and
    never more than the image library itself opens without a warning."""
    limits = [
        getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS),
        Image.MAX_IMAGE_PIXELS,
    ]
    limits = [limit for limit in limits if limit]
    return min(limits) if limits else None


def check_photo_bytes(size: int) -> None:
    limit = photo_max_bytes()
    if limit is not None and size > limit:
        raise ValidationError(
            _("This photo is %(size)s; the limit is %(max)s."),
            params={"size": filesizeformat(size), "max": filesizeformat(limit)},
            code="too_large",
        )


def check_photo_pixels(width: int, height: int) -> None:
    limit = photo_max_pixels()
    if limit is not None and width * height > limit:
        megapixels = max(limit // 1_000_000, 1)
        raise ValidationError(
            ngettext(
                "This photo is %(w)d×%(h)d pixels; "
                "use one of at most %(mp)d megapixel.",
                "This photo is %(w)d×%(h)d pixels; "
                "use one of at most %(mp)d megapixels.",
                megapixels,
            ),
            params={"w": width, "h": height, "mp": megapixels},
            code="too_many_pixels",
        )


def validate_photo_size(file):
    """The stored photo's bytes and pixels are within the limits."""
    check_photo_bytes(file.size)
    width = getattr(file, "width", None) or 0
    height = getattr(file, "height", None) or 0
    check_photo_pixels(width, height)


class Profile(models.Model):
    """What colleagues see of a member of staff, one-to-one with the site's user.

    The intranet keeps everything it knows about a person here, so it works with
    whatever user model the site runs (``settings.AUTH_USER_MODEL``). A profile is
    made when a user is created, when someone signs in without one, and for
    existing users by ``manage.py intranet_create_profiles``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="intranet_profile",
        verbose_name=_("person"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("How colleagues see your name. Leave empty to use your full name."),
    )
    # Skeletons of the display name and of the full name (see ``names``), so a
    # name that looks like a colleague's is found with one indexed query.
    display_name_key = models.CharField(
        max_length=100, blank=True, db_index=True, editable=False
    )
    full_name_key = models.CharField(
        max_length=300, blank=True, db_index=True, editable=False
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_path,
        blank=True,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS), validate_photo_size],
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True, validators=[web_url])
    x_url = models.URLField(_("X"), blank=True, validators=[web_url])
    facebook_url = models.URLField(_("Facebook"), blank=True, validators=[web_url])
    website_url = models.URLField(
        _("website or blog"), blank=True, validators=[web_url]
    )
    skills = models.CharField(
        _("skills"),
        max_length=250,
        blank=True,
        help_text=_("What colleagues can ask you about, separated by commas."),
    )
    is_ambassador = models.BooleanField(
        _("ambassador"),
        default=False,
        help_text=_(
            "Ambassadors share the organisation's public posts on their own channels."
        ),
    )
    counts_reading = models.BooleanField(
        _("count my reading"),
        default=True,
        help_text=_(
            "Count the pages you open in the reach figures. Only totals by "
            "department are ever shown, never what one person read."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=15,
        blank=True,
        help_text=_("The language of the intranet and its e-mails for this person."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.display_name_key = name_key(self.display_name)
        self.full_name_key = name_key(self.user.get_full_name())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "display_name_key",
                "full_name_key",
            }
        super().save(*args, **kwargs)

    @property
    def username(self) -> str:
        return self.user.get_username()

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_full_name() or self.username

    @property
    def profile_url(self) -> str:
        return reverse("intranet:people:profile", args=[self.username])

    @property
    def initials(self) -> str:
        parts = [part for part in self.name.split() if part]
        return "".join(part[0] for part in parts[:2]).upper() or "?"

    @property
    def skill_list(self) -> list[str]:
        return [skill.strip() for skill in self.skills.split(",") if skill.strip()]

    @property
    def external_profiles(self) -> list[tuple[str, str]]:
        links = [
            ("LinkedIn", self.linkedin_url),
            ("X", self.x_url),
            ("Facebook", self.facebook_url),
            (_("Website"), self.website_url),
        ]
        return [(label, url) for label, url in links if url]


def profile_fields() -> set[str]:
    """The names of the fields a profile keeps, besides its user."""
    return {field.name for field in Profile._meta.concrete_fields} - {"user"}


def create_person(username: str, password: str | None = None, **fields):
    """A user with their profile filled in: ``fields`` may mix the user model's
    fields (``email``, ``first_name``, ``is_superuser``, …) with the profile's."""
    from django.contrib.auth import get_user_model

    profile = {k: fields.pop(k) for k in list(fields) if k in profile_fields()}
    user = get_user_model()(username=username, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if profile:
        if "display_name" in profile:
            profile["display_name_key"] = name_key(profile["display_name"])
        Profile.objects.filter(user=user).update(**profile)
        user.intranet_profile.refresh_from_db()
    return user


def profile_of(user) -> Profile:
    """The person's profile, made now if they have none yet."""
    try:
        return user.intranet_profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user)
        user.intranet_profile = profile
        return profile


from .pages import (  # noqa: E402 - the page models need Profile defined first
    LeaderProfilePage,
    LeaderUpdatePage,
    PeopleIndexPage,
)

__all__ = [
    "LeaderProfilePage",
    "LeaderUpdatePage",
    "PeopleIndexPage",
    "Profile",
    "create_person",
    "profile_fields",
    "profile_of",
    "validate_photo_size",
]
