from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    OTHER = "other", _("Other")


class ExternalChannel(index.Indexed, models.Model):
    """One of the organisation's official accounts elsewhere: "where we are"."""

    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    name = models.CharField(_("account name"), max_length=100)
    url = models.URLField(_("address"))
    owner = models.CharField(
        _("owner"), max_length=120, help_text=_("The team or person who runs it.")
    )
    purpose = models.TextField(_("purpose"), max_length=500, blank=True)
    audience = models.CharField(
        _("audience"), max_length=200, blank=True, help_text=_("Who it speaks to.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("network"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("owner"),
        FieldPanel("purpose"),
        FieldPanel("audience"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("purpose")]

    class Meta:
        ordering = ["sort_order", "network", "name"]
        verbose_name = _("external channel")
        verbose_name_plural = _("external channels")

    def __str__(self):
        return f"{self.name} ({self.get_network_display()})"

    CACHE_KEY = "social:external-channels"

    @classmethod
    def cached_list(cls) -> list["ExternalChannel"]:
        """Every channel, from the cache: they are shown in every page's footer."""
        return cache.get_or_set(cls.CACHE_KEY, lambda: list(cls.objects.all()), 3600)


@receiver([post_save, post_delete], sender=ExternalChannel)
def forget_cached_channels(sender, **kwargs):
    cache.delete(ExternalChannel.CACHE_KEY)
