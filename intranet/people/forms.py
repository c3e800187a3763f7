import io
import warnings
from pathlib import PurePath

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import models
from django.db.models import Q
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from wagtail.images.fields import WagtailImageField

from intranet import ambassadors, languages, roles, throttle
from intranet.conf import intranet_setting

from . import passwords
from .models import Profile, check_photo_bytes, check_photo_pixels, web_url
from .names import name_key
from .pages import UPDATE_TEXT_LENGTH, LeaderProfilePage

LOGIN_PER_ACCOUNT = throttle.Limit("login-account", count=10, seconds=60)
LOGIN_PER_ADDRESS_AND_ACCOUNT = throttle.Limit("login-address-account", 5, 60)
PHOTO_SIZE = 480
PHOTO_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def login_per_address() -> throttle.Limit:
    return throttle.Limit(
        "login-address", intranet_setting("LOGIN_ATTEMPTS_PER_ADDRESS"), 60
    )


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form, throttled per account, per account from one address, and
    (far more loosely) per address.

    Every attempt is counted before the password is checked, so however many arrive
    at once, no more than the limit reach the check; an attempt that succeeds is
    given back. Once a limit is reached the next attempt is refused, saying how long
    to wait, without checking the password at all. Names made up from one address
    use up that address's own allowance for those names, not a colleague's who
    signs in from the same address.
    """

    def _throttle_keys(self, username: str):
        username = username.strip().lower()
        address = throttle.client_address(self.request) if self.request else ""
        return [
            (LOGIN_PER_ADDRESS_AND_ACCOUNT, f"{address} {username}"),
            (LOGIN_PER_ACCOUNT, username),
            (login_per_address(), address),
        ]

    def clean(self):
        username = self.cleaned_data.get("username")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()
        claimed = []
        for limit, key in self._throttle_keys(username):
            wait = throttle.hit(limit, key)
            if wait:
                for done in claimed:
                    throttle.release(*done)
                raise ValidationError(
                    _(
                        "Too many failed sign-in attempts. Please try again in %(wait)s."
                    ),
                    params={"wait": throttle.wait_message(wait)},
                    code="throttled",
                )
            claimed.append((limit, key))
        cleaned_data = super().clean()
        for done in claimed:
            throttle.release(*done)
        return cleaned_data


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, answering the same, at the same cost, for every address.

    Saving it only queues the e-mail (see ``passwords``): no account is looked up
    while the visitor waits, and mail that fails never shows. Links in the e-mail
    point at the intranet's canonical address, never at the request's Host header.
    """

    def save(self, request=None, **options):
        passwords.request_reset(
            request,
            self.cleaned_data["email"],
            subject_template_name=options["subject_template_name"],
            email_template_name=options["email_template_name"],
            html_email_template_name=options.get("html_email_template_name"),
            from_email=options.get("from_email"),
        )


def https_by_default(field, **kwargs):
    """Form fields for a model; a web address typed without a scheme means https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PhotoInput(forms.ClearableFileInput):
    """The current photo as a picture, with "Change" (choose a file) and "Remove"
    (a checkbox that looks like a button, so it works without JavaScript).

    Never shows where the file is stored. It renders from the site's templates,
    not Django's built-in widget templates.
    """

    template_name = "intranet/people/widgets/photo_input.html"
    renderer = TemplatesSetting()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["remove_checked"] = widget["attrs"].pop("checked", False)
        widget["attrs"].pop("disabled", None)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer=self.renderer)


class PhotoField(forms.ImageField):
    """A photo judged by its file size and its header before any pixel is decoded.

    Django's image field would decode the whole picture to check it: a small file
    can hold a picture of many gigabytes. This one refuses too large a file, too
    many pixels (the site's limits for Wagtail images), decompression bombs the
    image library detects, and anything not a JPEG, PNG, GIF or WebP, all from the
    first bytes of the file.
    """

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        check_photo_bytes(upload.size)
        image = open_photo_header(upload)
        check_photo_pixels(*image.size)
        upload.image = image
        upload.content_type = Image.MIME[image.format]
        upload.seek(0)
        return upload


def open_photo_header(upload):
    """The photo's header (size and format) without its pixels."""
    not_a_photo = ValidationError(
        _(
            "This file is not a picture we can read. "
            "Choose a JPEG, PNG, GIF or WebP photo."
        ),
        code="invalid_image",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # The pixel count is checked against the site's limit right after.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=sorted(PHOTO_FORMATS))
    except Image.DecompressionBombError:
        raise ValidationError(
            _("This photo has too many pixels to open safely; use a smaller one."),
            code="too_many_pixels",
        ) from None
    except Exception as error:  # noqa: BLE001 - whatever the library says, not a photo
        raise not_a_photo from error
    return image


class ProfileForm(forms.ModelForm):
    """What a member of staff may change about themselves, and nothing else."""

    formfield_callback = https_by_default

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "job_title",
            "department",
            "location",
            "photo",
            "bio",
            "linkedin_url",
            "x_url",
            "facebook_url",
            "website_url",
            "skills",
            "is_ambassador",
            "counts_reading",
            "language",
        ]
        field_classes = {"photo": PhotoField}
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "photo": PhotoInput(
                attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
            ),
        }
        error_messages = {
            "photo": {
                "contradiction": _(
                    "Choose a new photo or remove the current one, not both."
                ),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.TypedChoiceField(
            label=_("Language"),
            choices=[("", _("The language my browser asks for"))]
            + languages.switcher_choices(),
            required=False,
            help_text=_("The language of the intranet and of its e-mails to you."),
        )
        if self.initial.get("language") not in dict(self.fields["language"].choices):
            self.initial["language"] = ""  # one the site no longer offers
        if self.instance.pk and is_leader_person(self.instance.user):
            # Readers trust a leader's name: only editors change it, in the admin.
            field = self.fields["display_name"]
            field.disabled = True
            field.help_text = _(
                "Leaders' names are set by the intranet's editors: ask them to "
                "change yours."
            )

    def clean_display_name(self):
        name = " ".join(self.cleaned_data.get("display_name", "").split())
        if name == self.instance.display_name or not name:
            return name
        key = name_key(name)
        if not key:
            raise ValidationError(
                _("Use letters or digits in your display name."), code="no_letters"
            )
        own = self.instance
        if key == own.full_name_key:
            return name  # your own full name, however written
        taken = (
            Profile.objects.exclude(pk=own.pk)
            .filter(Q(display_name_key=key) | Q(full_name_key=key))
            .exists()
        )
        if taken:
            raise ValidationError(
                _(
                    "“%(name)s” is, or looks like, a colleague's name. Choose a "
                    "display name that is clearly yours, such as your own name."
                ),
                params={"name": name},
                code="taken",
            )
        return name

    def full_clean(self):
        super().full_clean()
        if self._errors and self.files.get("photo") and "photo" not in self._errors:
            # Browsers never send a chosen file twice: say so rather than lose it quietly.
            self.add_error(
                "photo",
                _("Choose your photo again: it is saved once the rest is fixed."),
            )

    def clean_is_ambassador(self):
        opting_in = self.cleaned_data.get("is_ambassador")
        if opting_in and not self.instance.is_ambassador:
            missing = ambassadors.missing_requirements(self.instance.user)
            if missing:
                raise ValidationError(missing)
        return opting_in

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return photo  # unchanged, or cleared
        return shrink_photo(photo)


def is_leader_person(user) -> bool:
    """A leader: holds the leader role, or has a leader profile."""
    return roles.is_leader(user) or LeaderProfilePage.objects.filter(user=user).exists()


def shrink_photo(upload):
    """Store a small copy: profile photos never need more than this.

    A JPEG is decoded straight at a fraction of its size (``draft``); other
    formats are decoded once and reduced at once, so a worker holds at most one
    full-size copy of a picture within the limits, never several.
    """
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image = Image.open(upload, formats=sorted(PHOTO_FORMATS))
    keep_format = image.format if image.format in {"PNG", "GIF", "WEBP"} else "JPEG"
    image.draft(None, (2 * PHOTO_SIZE, 2 * PHOTO_SIZE))
    factor = max(image.size) // (2 * PHOTO_SIZE)
    if factor > 1:
        # Whole-pixel averaging straight from the decoded picture: resizing it
        # directly would first copy it whole (alpha premultiplied).
        image = image.reduce(factor)
    image.thumbnail((PHOTO_SIZE, PHOTO_SIZE))
    image = ImageOps.exif_transpose(image)
    if keep_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=keep_format)
    suffix = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}[
        keep_format
    ]
    name = PurePath(upload.name).stem + suffix
    return InMemoryUploadedFile(
        buffer, "photo", name, f"image/{keep_format.lower()}", buffer.tell(), None
    )


class LeaderUpdateForm(forms.Form):
    """A leader's update, posted from their profile. Who posts it and for whom come
    from the request and the profile, never from the form."""

    title = forms.CharField(
        label=_("Headline"),
        max_length=120,
        help_text=_("A few words: it is the update's title and address."),
    )
    text = forms.CharField(
        label=_("Update"),
        max_length=UPDATE_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": UPDATE_TEXT_LENGTH}),
    )
    image = forms.FileField(label=_("Image"), required=False)  # see __init__
    image_alt = forms.CharField(
        label=_("Describe the image"),
        max_length=250,
        required=False,
        help_text=_("For colleagues who use screen readers. Needed with an image."),
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        validators=[web_url],
        help_text=_("A YouTube or Vimeo address."),
    )
    urgent = forms.BooleanField(
        label=_("Urgent"),
        required=False,
        help_text=_(
            "Followers get an e-mail straight away, even those who chose a digest."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's image field reads the image library's limits (formats, no SVG,
        # bytes, pixels) when it is made, so make it per form.
        self.fields["image"] = WagtailImageField(
            label=_("Image"),
            required=False,
            help_text=_("JPEG, PNG, GIF or WebP, at most 10 MB."),
            widget=forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
            ),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("Say in a few words what the image shows."))
        return cleaned
