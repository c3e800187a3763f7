from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet import translations
from intranet.panels import HomePanel

from .models import DiscussionThreadPage, Poll


class PollViewSet(SnippetViewSet):
    """Editors' polls, for embedding in posts. Ballots are never shown here."""

    model = Poll
    icon = "list-ul"
    menu_label = _("Polls")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["question", "closes_at", "results_shown", "secret"]
    search_fields = ["question"]


register_snippet(PollViewSet)


@hooks.register("intranet_profile_sections")
def threads_by_person(request, person):
    threads = list(
        translations.one_per_page(DiscussionThreadPage.objects.visible_to(request.user))
        .filter(owner=person)
        .in_listing_order()[:10]
    )
    if not threads:
        return None
    return HomePanel(
        order=20,
        template="intranet/discussions/includes/profile_threads.html",
        context={"threads": threads},
    )


@hooks.register("intranet_home_panels")
def active_discussions(request):
    """Threads with the latest activity, and open polls the reader has not answered."""
    from .listing import with_activity
    from .models import PollParticipation

    if not request.user.is_authenticated:
        return None
    visible = DiscussionThreadPage.objects.visible_to(request.user)
    threads = with_activity(
        translations.one_per_page(visible)
        .order_by("-last_activity_at")
        .select_related("owner__intranet_profile")
        .prefetch_related("tags")[:5]
    )
    if not threads:
        return None
    open_polls = list(
        Poll.objects.filter(thread__in=visible.values("pk"))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=timezone.now()))
        .select_related("thread")
        .order_by("-created_at")[:20]
    )
    answered = set(
        PollParticipation.objects.filter(
            user=request.user, poll__in=open_polls
        ).values_list("poll_id", flat=True)
    )
    waiting = [poll for poll in open_polls if poll.pk not in answered][:3]
    return HomePanel(
        order=40,
        template="intranet/discussions/includes/home_panel.html",
        context={"threads": threads, "polls": waiting},
    )
