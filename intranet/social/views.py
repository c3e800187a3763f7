"""Actions on comments and pages. Every one checks first that the person may see the
page the comment belongs to; a comment on a page they may not see does not exist.

Liking, reacting and following answer a script's request (``Accept:
application/json`` or ``X-Requested-With``) with the new state as JSON, after the
same checks; a form post is redirected back to where the person was.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from taggit.models import Tag
from wagtail.models import Page

from intranet import audience
from intranet.context_processors import intranet_home_url
from intranet.people.models import profile_of

from . import notifications as inbox
from . import services
from .conversation import comment_link, reactions_for
from .forms import EditCommentForm, ReactionForm, ReasonForm
from .models import Comment, CommentLike, FeedToken, ShareClick, SharingSettings
from .pages import CommentablePageMixin
from .sharing import (
    COPY_SOURCE,
    SHARE_NETWORKS,
    record_share,
    share_address,
    suggested_text,
    tracked_url,
)
from .translations import can_reach, reading_version, version_url


def _visible_page(user, page_id):
    """The page, if ``user`` may see it and the original whose conversation it
    shows: a translation opens no door its original keeps shut."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    if not can_reach(user, page):
        raise Http404
    return page


def _wants_json(request) -> bool:
    """A script asks for the new state instead of a page to go back to."""
    accept = request.headers.get("Accept", "").split(",")[0].strip()
    return (
        accept.startswith("application/json")
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


def _comment_and_page(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("user__intranet_profile"), pk=pk
    )
    try:
        page_id = int(comment.object_pk)
    except ValueError as error:
        raise Http404 from error
    page = _visible_page(request.user, page_id)
    # The comment belongs to the original; the person goes on in their language.
    return comment, reading_version(page, request.user)


def _back_to(page, comment=None):
    if comment is not None:
        return HttpResponseRedirect(comment_link(page, comment))
    return HttpResponseRedirect(f"{version_url(page)}#conversation")


def _action_page(request, template, comment, page, form, status=200):
    return render(
        request,
        template,
        {
            "comment": comment,
            "target_page": page,
            "target_url": version_url(page),
            "form": form,
        },
        status=status,
    )


def comment_edit(request, pk):
    """The author edits their comment within the edit window. Once it has closed,
    the page says so, and an edit sent late comes back with its text, unsaved."""
    comment, page = _comment_and_page(request, pk)
    if not services.is_own_comment(request.user, comment):
        raise PermissionDenied
    form = EditCommentForm(request.POST or None, initial={"text": comment.comment})
    if services.edit_window_closed(comment):
        if form.is_bound:
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Your change was not saved: the 15 minutes to edit this comment "
                    "have passed. Your text is kept below, so you can copy it into "
                    "a new comment."
                ),
            )
        return render(
            request,
            "intranet/social/comment_edit.html",
            {
                "comment": comment,
                "target_page": page,
                "target_url": version_url(page),
                "form": form,
                "window_closed": True,
            },
            status=403,
        )
    if request.method == "POST" and form.is_valid():
        services.edit_comment(comment, request.user, form.cleaned_data["text"])
        messages.success(request, _("Your comment is updated."))
        return _back_to(page, comment)
    status = 400 if form.is_bound else 200
    return _action_page(
        request, "intranet/social/comment_edit.html", comment, page, form, status
    )


def comment_delete(request, pk):
    comment, page = _comment_and_page(request, pk)
    if comment.user_id != request.user.pk or comment.is_removed:
        raise PermissionDenied
    if request.method == "POST":
        services.delete_comment(comment, request.user)
        messages.success(request, _("Your comment is removed."))
        return _back_to(page, comment)
    return _action_page(
        request, "intranet/social/comment_delete.html", comment, page, None
    )


@require_POST
def comment_like(request, pk):
    comment, page = _comment_and_page(request, pk)
    liked = services.toggle_like(comment, request.user)
    if not _wants_json(request):
        return _back_to(page, comment)
    likes = CommentLike.objects.filter(comment=comment).count()
    if liked:
        message = _("You like the comment by %(name)s.")
    else:
        message = _("You no longer like the comment by %(name)s.")
    return JsonResponse(
        {
            "liked": liked,
            "likes": likes,
            "likes_text": ngettext("%(count)s like", "%(count)s likes", likes)
            % {"count": likes},
            "message": message % {"name": comment.user.intranet_profile.name},
        }
    )


def comment_report(request, pk):
    comment, page = _comment_and_page(request, pk)
    if comment.user_id == request.user.pk or comment.is_removed or comment.is_hidden:
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_comment(comment, request.user, form.cleaned_data["reason"])
        messages.success(
            request, _("Thank you. A moderator will look at this comment.")
        )
        return _back_to(page, comment)
    status = 400 if form.is_bound else 200
    return _action_page(
        request, "intranet/social/comment_report.html", comment, page, form, status
    )


def comment_hide(request, pk):
    comment, page = _comment_and_page(request, pk)
    if not services.can_moderate(request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.hide_comment(comment, request.user, form.cleaned_data["reason"])
        messages.success(
            request, _("The comment is hidden. Its author sees your reason.")
        )
        return _back_to(page, comment)
    status = 400 if form.is_bound else 200
    return _action_page(
        request, "intranet/social/comment_hide.html", comment, page, form, status
    )


def comment_open(request, pk):
    """One comment's lasting address: it leads to the window of the conversation
    that holds the comment."""
    comment, page = _comment_and_page(request, pk)
    return _back_to(page, comment)


@require_POST
def comment_restore(request, pk):
    comment, page = _comment_and_page(request, pk)
    services.restore_comment(comment, request.user)
    messages.success(request, _("The comment is shown again."))
    return _back_to(page, comment)


@require_POST
def page_react(request, pk):
    page = _visible_page(request.user, pk)
    if not isinstance(page, CommentablePageMixin):
        raise Http404
    form = ReactionForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse(
                {"message": _("Choose one of the reactions.")}, status=400
            )
        return HttpResponseRedirect(f"{version_url(page)}#reactions")
    mine = services.react(page, request.user, form.cleaned_data["kind"])
    if not _wants_json(request):
        return HttpResponseRedirect(f"{version_url(page)}#reactions")
    reactions, _mine = reactions_for(page, request.user)
    chosen = next((r for r in reactions if r.kind == mine), None)
    if chosen is None:
        message = _("Your reaction is taken back.")
    else:
        message = _("You reacted: %(reaction)s.") % {"reaction": chosen.label}
    return JsonResponse(
        {
            "mine": mine,
            "reactions": [
                {
                    "kind": r.kind,
                    "count": r.count,
                    "mine": r.mine,
                    "label": str(r.label),
                    "emoji": r.emoji,
                    "people": [person.intranet_profile.name for person in r.people],
                }
                for r in reactions
            ],
            "message": message,
        }
    )


def _followed(request, following: bool, message: str, target: str):
    """A follow button's answer: the new state for a script, else the message
    and a redirect."""
    if _wants_json(request):
        return JsonResponse({"following": following, "message": message})
    messages.success(request, message)
    return HttpResponseRedirect(target)


@require_POST
def page_follow(request, pk):
    """Follow the page, or stop following it."""
    page = _visible_page(request.user, pk)
    if not isinstance(page, CommentablePageMixin):
        raise Http404
    if services.is_following(request.user, page):
        services.unfollow(request.user, page)
        message = _("You no longer follow “%(title)s”.")
        following = False
    else:
        services.follow(request.user, page)
        message = _("You follow “%(title)s” now.")
        following = True
    return _followed(
        request, following, message % {"title": page.title}, version_url(page)
    )


@require_POST
def page_comments_close(request, pk):
    page = _visible_page(request.user, pk)
    services.set_comments_closed(page, request.user, closed=True)
    messages.success(request, _("Comments are closed on this page."))
    return _back_to(page)


@require_POST
def page_comments_open(request, pk):
    page = _visible_page(request.user, pk)
    services.set_comments_closed(page, request.user, closed=False)
    messages.success(request, _("Comments are open again on this page."))
    return _back_to(page)


@require_POST
def feeds_reset(request):
    """Change the person's secret feed key; the old feed addresses stop working."""
    token, _created = FeedToken.objects.get_or_create(user=request.user)
    token.reset()
    messages.success(
        request, _("Your feed addresses have changed. Update your feed reader.")
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = intranet_home_url(request)
    return HttpResponseRedirect(target)


# Share kit -----------------------------------------------------------------------------


class ShareRedirect(HttpResponseRedirect):
    """A redirect to a network's share address; e-mail needs the mailto: scheme."""

    allowed_schemes = ["https", "mailto"]


def share(request, page_id, network):
    """Count an ambassador's share and send them to the network's own share address.

    The address is built from a fixed template per network; no parameter of the
    request can change it. "copy" (the copy-link button) is only counted. Only a POST
    (with its CSRF token) counts, so a link elsewhere cannot inflate anyone's shares,
    and only once per page and network an hour, so a script repeating it cannot
    either: the ambassador is sent on all the same.
    """
    if network not in SHARE_NETWORKS and network != COPY_SOURCE:
        return HttpResponseBadRequest(_("Unknown network."), content_type="text/plain")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not audience.is_public(page):
        raise Http404
    page = page.specific
    if not audience.can_view(request.user, page):
        raise Http404
    if not profile_of(request.user).is_ambassador:
        raise PermissionDenied
    record_share(page, network, request.user)
    if network == COPY_SOURCE:
        return HttpResponse(status=204)
    settings = SharingSettings.for_request(request)
    link = tracked_url(page.get_full_url(request), network, settings.utm_campaign)
    text = suggested_text(page, network, settings.hashtag)
    return ShareRedirect(share_address(network, link, text, page.title))


def share_history(request):
    """The signed-in ambassador's own shares, newest first."""
    clicks = (
        ShareClick.objects.filter(user=request.user)
        .filter(page__in=audience.visible_to(Page.objects.all(), request.user))
        .select_related("page")
    )
    page = Paginator(clicks, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "intranet/social/share_history.html",
        {"clicks": page, "page_obj": page, "total": page.paginator.count},
    )


def notifications(request):
    """The person's notifications, newest first; a POST marks them all read."""
    if request.method == "POST":
        inbox.mark_read(request.user)
        messages.success(request, _("All your notifications are marked as read."))
        return HttpResponseRedirect(request.path)
    page = Paginator(inbox.bell(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "intranet/social/notifications.html",
        {"notifications": page, "page_obj": page},
    )


def notification_open(request, pk):
    """Open one notification: it is read now, and leads to the exact comment."""
    notification = get_object_or_404(inbox.visible_notifications(request.user), pk=pk)
    inbox.mark_read(request.user, [notification])
    return HttpResponseRedirect(inbox.target_url(notification))


# Following ----------------------------------------------------------------------------


def _next_or(request, default: str) -> str:
    """Where a follow button leads back to: its form's ``next`` if on this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _unfollowing(request) -> bool:
    """Follow buttons say what they do, so a double submit does it once."""
    return request.POST.get("action") == "unfollow"


@require_POST
def tag_follow(request, slug):
    """Follow a tag (new posts and threads carrying it), or stop following it."""
    tag = get_object_or_404(Tag, slug=slug)
    following = not _unfollowing(request)
    if following:
        services.follow_tag(request.user, tag)
        message = _(
            "You follow #%(tag)s now: new posts and threads with it will reach you."
        )
    else:
        services.unfollow_tag(request.user, tag)
        message = _("You no longer follow #%(tag)s.")
    return _followed(
        request,
        following,
        message % {"tag": tag.name},
        _next_or(request, reverse("intranet:social:following")),
    )


@require_POST
def person_follow(request, username):
    """Follow a colleague (what they publish), or stop following them."""
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    following = not _unfollowing(request)
    if following:
        services.follow_person(request.user, person)
        message = _("You follow %(name)s now: what they publish will reach you.")
    else:
        services.unfollow_person(request.user, person)
        message = _("You no longer follow %(name)s.")
    return _followed(
        request,
        following,
        message % {"name": person.intranet_profile.name},
        _next_or(request, person.intranet_profile.profile_url),
    )


@require_POST
def page_unfollow(request, pk):
    """Stop following a thread or a leader, from the "What I follow" page."""
    page = _visible_page(request.user, pk)
    services.unfollow(request.user, page)
    messages.success(
        request, _("You no longer follow “%(title)s”.") % {"title": page.title}
    )
    return HttpResponseRedirect(_next_or(request, reverse("intranet:social:following")))


def following(request):
    """The threads, pages, leaders, tags and people the person follows."""
    return render(
        request,
        "intranet/social/following.html",
        {"follows": services.follows_of(request.user)},
    )
