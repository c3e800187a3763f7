"""The ambassadors' share kit: suggested texts, tracked links and share addresses.

A public post carries a suggested text per network. An ambassador's click goes
through our own endpoint (``social:share``), which counts it and redirects to the
network's own share address, built here from a fixed template: nothing the request
says can change where the redirect goes. The shared link carries UTM parameters, so
the visits it brings back are counted (``TrackedVisit``).

Counts are what people did, not how often a script asked: one share per person,
page and network an hour, one visit per visitor and tracked link a day. Unique
constraints in the database hold to that, so requests racing each other count once.
"""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from intranet import throttle
from intranet.people.models import profile_of
from intranet.roles import is_editor

X_LIMIT = 280
X_URL_LENGTH = 23
UTM_MEDIUM = "ambassador"
URL_RE = re.compile(r"https?://\S+", re.IGNORECASE)
COPY_SOURCE = "copy"


@dataclass(frozen=True)
class ShareNetwork:
    slug: str
    label: str
    field: str
    # Whether the network's share address takes the text; if not, the ambassador
    # copies it and pastes it into the post the network opens.
    prefills: bool
    note: str


SHARE_NETWORKS = {
    "linkedin": ShareNetwork(
        "linkedin",
        "LinkedIn",
        "share_text_linkedin",
        prefills=False,
        note=_(
            "LinkedIn takes only the link: copy the text first, then paste it into "
            "your post."
        ),
    ),
    "x": ShareNetwork(
        "x",
        "X",
        "share_text_x",
        prefills=True,
        note=_("X opens with this text and the link filled in."),
    ),
    "facebook": ShareNetwork(
        "facebook",
        "Facebook",
        "share_text_facebook",
        prefills=False,
        note=_(
            "Facebook takes only the link: copy the text first, then paste it into "
            "your post."
        ),
    ),
    "email": ShareNetwork(
        "email",
        _("e-mail"),
        "share_text_email",
        prefills=True,
        note=_(
            "Your e-mail program opens a message with the post's title as subject, "
            "this text and the link."
        ),
    ),
}

# What the device's own share sheet offers with the link: the long-form texts suit
# whichever app the ambassador picks there.
DEVICE_SHARE_TEXTS = ("linkedin", "facebook", "x")


# X's weighted length ------------------------------------------------------------------

# Code points X counts as one; every other code point counts as two (twitter-text v3).
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_ZWJ = 0x200D
_VARIATION_SELECTORS = (0xFE0E, 0xFE0F)
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_KEYCAP = 0x20E3
_TAG_CHARS = range(0xE0020, 0xE0080)
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)


def _is_emoji(cp: int) -> bool:
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2B00 <= cp <= 0x2BFF
        or cp in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D)
    )


def _weight(cp: int) -> int:
    return 1 if any(lo <= cp <= hi for lo, hi in _LIGHT_RANGES) else 2


def _text_length(text: str) -> int:
    """Weighted length of text without URLs: an emoji sequence counts as two."""
    cps = [ord(c) for c in unicodedata.normalize("NFC", text)]
    length, i = 0, 0
    while i < len(cps):
        cp = cps[i]
        if cp in _REGIONAL_INDICATORS:
            # A flag is a pair of regional indicators: one emoji.
            i += 2 if i + 1 < len(cps) and cps[i + 1] in _REGIONAL_INDICATORS else 1
            length += 2
            continue
        keycap = (
            i + 2 < len(cps)
            and cps[i + 1] in _VARIATION_SELECTORS
            and cps[i + 2] == _KEYCAP
        )
        if _is_emoji(cp) or keycap:
            i += 1
            while i < len(cps):
                nxt = cps[i]
                if nxt in _VARIATION_SELECTORS or nxt in _SKIN_TONES:
                    i += 1
                elif nxt == _KEYCAP or nxt in _TAG_CHARS:
                    i += 1
                elif nxt == _ZWJ and i + 1 < len(cps) and _is_emoji(cps[i + 1]):
                    i += 2
                else:
                    break
            length += 2
            continue
        length += _weight(cp)
        i += 1
    return length


def x_length(text: str) -> int:
    """The length X gives ``text``: every web address 23, emoji 2, most Latin 1."""
    length, last = 0, 0
    for match in URL_RE.finditer(text):
        length += _text_length(text[last : match.start()]) + X_URL_LENGTH
        last = match.end()
    return length + _text_length(text[last:])


def with_hashtag(text: str, hashtag: str) -> str:
    text = text.strip()
    hashtag = hashtag.strip()
    if hashtag and hashtag.lower() not in text.lower():
        return f"{text} {hashtag}".strip()
    return text


def x_post_length(text: str, hashtag: str) -> int:
    """What the X post will weigh: the text, the programme hashtag and the link."""
    return x_length(with_hashtag(text, hashtag)) + 1 + X_URL_LENGTH


def fit_x_text(text: str, hashtag: str) -> str:
    """The X text with the hashtag, shortened with "…" to fit 280 with the link.

    Editors' texts are checked when saved, but the programme hashtag can change
    later; the post X opens with must still fit.
    """
    if x_post_length(text, hashtag) <= X_LIMIT:
        return with_hashtag(text, hashtag)
    words = text.strip().split()
    while words and x_post_length(" ".join(words) + "…", hashtag) > X_LIMIT:
        words.pop()
    if not words:
        return with_hashtag("", hashtag)
    return with_hashtag(" ".join(words) + "…", hashtag)


def suggested_text(page, network: str, hashtag: str) -> str:
    """What the ambassador posts on ``network``: the editors' words and the hashtag.

    The panel shows it and the share address pre-fills it, so both say the same.
    """
    text = page.share_text(network) if hasattr(page, "share_text") else ""
    if network == "x":
        return fit_x_text(text, hashtag)
    return with_hashtag(text, hashtag)


# The page side -------------------------------------------------------------------------


class ShareablePageMixin(models.Model):
    """A page editors can offer to ambassadors, with a suggested text per network."""

    share_text_linkedin = models.TextField(
        _("LinkedIn text"), blank=True, max_length=3000
    )
    share_text_x = models.TextField(
        _("X text"),
        blank=True,
        max_length=X_LIMIT,
        help_text=_(
            "Counted as X counts it: the link takes 23 characters and the programme "
            "hashtag is added; 280 in all."
        ),
    )
    share_text_facebook = models.TextField(
        _("Facebook text"), blank=True, max_length=3000
    )
    share_text_email = models.TextField(_("e-mail text"), blank=True, max_length=3000)

    share_panels = [
        MultiFieldPanel(
            [
                FieldPanel("share_text_linkedin"),
                FieldPanel("share_text_x"),
                FieldPanel("share_text_facebook"),
                FieldPanel("share_text_email"),
            ],
            heading=_("Share kit"),
            help_text=_(
                "Suggested texts for ambassadors; offered only while the page is public."
            ),
        )
    ]

    class Meta:
        abstract = True

    def share_text(self, network: str) -> str:
        spec = SHARE_NETWORKS.get(network)
        return getattr(self, spec.field, "") if spec else ""

    def clean(self):
        super().clean()
        from .models import SharingSettings

        site = self.get_site() if self.pk else None
        hashtag = SharingSettings.hashtag_for(site)
        if self.share_text_x and x_post_length(self.share_text_x, hashtag) > X_LIMIT:
            raise ValidationError(
                {
                    "share_text_x": _(
                        "X counts this as %(n)d characters with the link (23) and "
                        "the hashtag %(tag)s; shorten it to 280."
                    )
                    % {
                        "n": x_post_length(self.share_text_x, hashtag),
                        "tag": hashtag or "-",
                    }
                }
            )


# Links ------------------------------------------------------------------------------


def tracked_url(public_url: str, network: str, campaign: str) -> str:
    """The post's public address with our tracking tag for ``network``."""
    parts = urlsplit(public_url)
    params = {"utm_source": network, "utm_medium": UTM_MEDIUM}
    if campaign:
        params["utm_campaign"] = campaign
    query = urlencode(params)
    return urlunsplit(parts._replace(query=query, fragment=""))


# Where a share form may send the browser: the Content-Security-Policy's form-action
# covers the redirect after the POST, so pages with the share panel allow these.
SHARE_FORM_ACTIONS = [
    "https://www.linkedin.com",
    "https://x.com",
    "https://www.facebook.com",
    "mailto:",
]


def share_address(network: str, link: str, text: str, title: str) -> str:
    """The network's own share address; only these templates are ever redirected to."""
    if network == "linkedin":
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode(
            {"url": link}
        )
    if network == "x":
        return "https://x.com/intent/post?" + urlencode({"text": text, "url": link})
    if network == "facebook":
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": link})
    if network == "email":
        body = f"{text}\n\n{link}" if text else link
        return "mailto:?" + urlencode(
            {"subject": title, "body": body}, quote_via=_quote
        )
    raise ValueError(network)


def _quote(value, safe="", encoding=None, errors=None):
    from urllib.parse import quote

    return quote(value, safe="", encoding=encoding, errors=errors)


def visitor_key(request) -> str:
    """Who a visit came from, as a keyed hash of its address: visits from one place
    are told apart from others without keeping the address."""
    return salted_hmac(
        "intranet.tracked-visit", throttle.client_address(request)
    ).hexdigest()


def record_share(page, network: str, user) -> bool:
    """Count an ambassador's share, once per page and network in each clock hour.

    Returns whether it was counted; sharing again within the hour still works for
    the ambassador, it is just not counted again.
    """
    from .models import ShareClick, hour_of

    now = timezone.now()
    _click, created = ShareClick.objects.get_or_create(
        page_id=page.pk,
        network=network,
        user=user,
        hour=hour_of(now),
        defaults={"created_at": now},
    )
    return created


def record_visit(page, request) -> bool:
    """Count a visit that our tracking tag brought back, once per visitor and
    tracked link a day; reloads and bursts from the same address don't count again.

    Returns whether a visit was counted.
    """
    from .models import TrackedVisit

    if request.method != "GET":
        return False
    if request.GET.get("utm_medium") != UTM_MEDIUM:
        return False
    network = request.GET.get("utm_source", "")
    if network not in SHARE_NETWORKS and network != COPY_SOURCE:
        return False
    now = timezone.now()
    _visit, created = TrackedVisit.objects.get_or_create(
        page_id=page.pk,
        network=network,
        visitor=visitor_key(request),
        day=timezone.localdate(now),
        defaults={"created_at": now},
    )
    return created


@dataclass
class ShareStats:
    shares: int
    ambassadors: int
    visits: int


def stats_for(page) -> ShareStats:
    from .models import ShareClick, TrackedVisit

    clicks = ShareClick.objects.filter(page_id=page.pk).aggregate(
        shares=Count("pk"), ambassadors=Count("user", distinct=True)
    )
    return ShareStats(
        shares=clicks["shares"],
        ambassadors=clicks["ambassadors"],
        visits=TrackedVisit.objects.filter(page_id=page.pk).count(),
    )


def share_panel(page, request, public_url: str, authors=()) -> dict | None:
    """What the internal layout of a public post shows about sharing, for this person."""
    from .models import ShareClick, SharingSettings

    user = request.user
    if not user.is_authenticated:
        return None
    panel = {}
    if user.is_superuser or user in authors or is_editor(user):
        panel["stats"] = stats_for(page)
    if user.is_authenticated and profile_of(user).is_ambassador:
        settings = SharingSettings.for_request(request)
        panel["networks"] = [
            {
                "slug": n.slug,
                "label": n.label,
                "note": n.note,
                "prefills": n.prefills,
                "text": (
                    suggested_text(page, n.slug, settings.hashtag)
                    if page.share_text(n.slug).strip()
                    else ""
                ),
            }
            for n in SHARE_NETWORKS.values()
        ]
        panel["copy_link"] = tracked_url(public_url, COPY_SOURCE, settings.utm_campaign)
        # The device's share sheet sends the link where the ambassador picks, as a
        # copied link does: it carries and counts as a copy.
        panel["device"] = {
            "title": page.title,
            "url": panel["copy_link"],
            "text": next(
                (
                    suggested_text(page, slug, settings.hashtag)
                    for slug in DEVICE_SHARE_TEXTS
                    if page.share_text(slug).strip()
                ),
                "",
            ),
        }
        panel["my_shares"] = ShareClick.objects.filter(
            page_id=page.pk, user=user
        ).count()
    return panel or None
