import uuid
from pathlib import PurePath

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, URLValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
web_url = URLValidator(schemes=["http", "https"])


def photo_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()
    return f"people/photos/{uuid.uuid4().hex}{suffix}"


def validate_photo_size(file):
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; the most we accept is %(max)s."),
            params={
                "size": filesizeformat(file.size),
                "max": filesizeformat(PHOTO_MAX_BYTES),
            },
            code="too_large",
        )
    width = getattr(file, "width", None) or 0
    height = getattr(file, "height", None) or 0
    if width * height > PHOTO_MAX_PIXELS:
        raise ValidationError(
            _("The photo is %(w)d × %(h)d pixels; please use a smaller one."),
            params={"w": width, "h": height},
            code="too_many_pixels",
        )


class User(AbstractUser):
    """A member of staff, with the profile colleagues see."""

    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("How colleagues see your name. Leave empty to use your full name."),
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

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

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


from .pages import (  # noqa: E402 - the page models need User defined first
    LeaderProfilePage,
    LeaderUpdatePage,
    PeopleIndexPage,
)

__all__ = [
    "LeaderProfilePage",
    "LeaderUpdatePage",
    "PeopleIndexPage",
    "User",
    "validate_photo_size",
]
