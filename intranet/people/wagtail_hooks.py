from django.core.exceptions import PermissionDenied
from wagtail import hooks

from intranet import translations
from intranet.panels import HomePanel
from intranet.roles import is_editor
from intranet.social.translations import is_original

from .leaders import open_questions
from .pages import HIGHLIGHT_DAYS, LeaderProfilePage, LeaderUpdatePage

HOME_UPDATES = 5


@hooks.register("intranet_home_panels")
def recent_leader_updates(request):
    """Leaders' updates of the last two weeks that this person may see."""
    updates = list(
        translations.one_per_page(LeaderUpdatePage.objects.visible_to(request.user))
        .recent()
        .newest_first()
        .select_related("leader__intranet_profile", "prepared_with__intranet_profile")[
            :HOME_UPDATES
        ]
    )
    if not updates:
        return None
    return HomePanel(
        order=15,
        template="intranet/people/includes/home_leader_updates.html",
        context={"updates": updates, "days": HIGHLIGHT_DAYS},
    )


@hooks.register("intranet_home_panels")
def questions_waiting(request):
    """For a leader: the questions on their updates still waiting for an answer."""
    if (
        not request.user.is_authenticated
        or request.user.pk not in LeaderProfilePage.owner_ids()
    ):
        return None
    # The original profile: its questions, and its updates', are the conversation
    # of every translation too.
    profile = (
        LeaderProfilePage.objects.live()
        .filter(is_original(), user=request.user)
        .first()
    )
    if profile is None:
        return None
    questions = open_questions(profile, request.user)
    if not questions:
        return None
    return HomePanel(
        order=21,
        template="intranet/people/includes/home_questions.html",
        context={"questions": questions},
    )


@hooks.register("intranet_profile_sections")
def leader_updates_on_profile(request, person):
    updates = list(
        translations.one_per_page(LeaderUpdatePage.objects.visible_to(request.user))
        .filter(leader=person)
        .newest_first()
        .select_related("prepared_with__intranet_profile")[:10]
    )
    if not updates:
        return None
    return HomePanel(
        order=5,
        template="intranet/people/includes/profile_updates.html",
        context={"updates": updates},
    )


def _protect_profile(request, page):
    """A leader owns their profile page, so Wagtail would let them delete or move
    it; that is an editor's decision."""
    if isinstance(page.specific, LeaderProfilePage) and not is_editor(request.user):
        raise PermissionDenied


@hooks.register("before_delete_page")
def leaders_do_not_delete_profiles(request, page):
    _protect_profile(request, page)


@hooks.register("before_move_page")
def leaders_do_not_move_profiles(request, page, destination):
    _protect_profile(request, page)
