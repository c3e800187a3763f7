from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
        DiscussionThreadPage.objects.visible_to(request.user)
        .filter(owner=person)
        .in_listing_order()[:10]
    )
    if not threads:
        return None
    return HomePanel(
        order=20,
        template="discussions/includes/profile_threads.html",
        context={"threads": threads},
    )
