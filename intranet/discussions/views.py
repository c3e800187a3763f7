from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet import audience, ids
from intranet.social import services as social
from intranet.social.forms import ReasonForm
from intranet.social.models import Comment

from . import polls, services
from .forms import EditThreadForm, ThreadForm
from .models import DiscussionIndexPage, DiscussionThreadPage, Poll


def _index(user):
    index = DiscussionIndexPage.objects.live().first()
    if index is None or not audience.can_view(user, index):
        raise Http404
    return index


def _thread(request, pk):
    thread = DiscussionThreadPage.objects.visible_to(request.user).filter(pk=pk).first()
    if thread is None:
        raise Http404
    return thread


def thread_create(request):
    index = _index(request.user)
    form = ThreadForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                thread = services.start_thread(
                    index,
                    request.user,
                    form.cleaned_data["title"],
                    form.cleaned_data["body"],
                    form.cleaned_data["tags"],
                    poll=form.poll_data(),
                )
            except services.Throttled as refusal:
                form.add_error(None, refusal.message)
                status = 429
            else:
                messages.success(request, _("Your thread is published."))
                return HttpResponseRedirect(thread.url)
    return render(
        request,
        "intranet/discussions/thread_form.html",
        {"form": form, "index": index},
        status=status,
    )


def thread_edit(request, pk):
    thread = _thread(request, pk)
    if not thread.can_edit(request.user):
        raise PermissionDenied
    form = EditThreadForm(
        request.POST or None, initial={"title": thread.title, "body": thread.body}
    )
    if request.method == "POST" and form.is_valid():
        services.edit_thread(
            thread, request.user, form.cleaned_data["title"], form.cleaned_data["body"]
        )
        messages.success(request, _("Your thread is updated."))
        return HttpResponseRedirect(thread.url)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "intranet/discussions/thread_edit.html",
        {"form": form, "thread": thread},
        status=status,
    )


@require_POST
def thread_answer(request, pk):
    thread = _thread(request, pk)
    comment_id = request.POST.get("comment", "")
    comment = None
    if comment_id:
        # Only a reply in this thread: one elsewhere does not exist here.
        comment = (
            Comment.objects.for_page(thread).filter(pk=ids.parse_id(comment_id)).first()
        )
        if comment is None:
            raise Http404
    services.mark_answer(thread, request.user, comment)
    if comment is not None:
        messages.success(request, _("Marked as the answer."))
        return HttpResponseRedirect(f"{thread.url}#answer")
    return HttpResponseRedirect(thread.url)


@require_POST
def thread_pin(request, pk):
    thread = _thread(request, pk)
    services.set_pinned(thread, request.user, request.POST.get("pinned") == "1")
    return HttpResponseRedirect(thread.url)


@require_POST
def thread_lock(request, pk):
    thread = _thread(request, pk)
    locked = request.POST.get("locked") == "1"
    social.set_comments_closed(thread, request.user, closed=locked)
    messages.success(
        request,
        _("The thread is locked.") if locked else _("The thread is open again."),
    )
    return HttpResponseRedirect(thread.url)


def thread_hide(request, pk):
    thread = _thread(request, pk)
    if not social.can_moderate(request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.hide_thread(thread, request.user, form.cleaned_data["reason"])
        messages.success(
            request, _("The thread is hidden. Its author sees your reason.")
        )
        return HttpResponseRedirect(thread.get_parent().url)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "intranet/discussions/thread_hide.html",
        {"form": form, "thread": thread},
        status=status,
    )


@require_POST
def thread_unhide(request, pk):
    thread = _thread(request, pk)
    services.unhide_thread(thread, request.user)
    messages.success(request, _("The thread is shown again."))
    return HttpResponseRedirect(thread.url)


@require_POST
def poll_vote(request, pk):
    poll = get_object_or_404(Poll, pk=pk)
    if not polls.can_see(request.user, poll):
        raise Http404
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = polls.pages_showing(poll)[0].url
    chosen = [ids.parse_id(value) for value in request.POST.getlist("option")]
    if None in chosen:
        return HttpResponseBadRequest(
            _(
                "This vote names an option the poll does not have. "
                "Go back to the poll and choose again."
            ),
            content_type="text/plain; charset=utf-8",
        )
    receipt = request.POST.get("receipt", "") or request.COOKIES.get(
        polls.RECEIPT_COOKIE, ""
    )
    try:
        result = polls.vote(poll, request.user, chosen, receipt=receipt)
    except polls.VoteRefused as refusal:
        messages.error(request, refusal.message)
    else:
        if result.receipt:
            return _receipt_page(request, poll, result.receipt, back)
        messages.success(
            request,
            _("Your vote is changed.")
            if result.changed
            else _("Your vote is counted."),
        )
    return HttpResponseRedirect(f"{back}#poll-{poll.pk}")


def _receipt_page(request, poll, receipt, back):
    """A secret vote's receipt, shown this once; only this browser keeps a copy.

    The cookie goes back only to this poll's vote address, so the receipt never
    travels with page views and nothing on the server stores it beside the person.
    """
    response = render(
        request,
        "intranet/discussions/poll_receipt.html",
        {"poll": poll, "receipt": receipt, "back": f"{back}#poll-{poll.pk}"},
    )
    response.set_cookie(
        polls.RECEIPT_COOKIE,
        receipt,
        max_age=polls.receipt_lifetime(poll),
        path=request.path,
        secure=request.is_secure(),
        httponly=True,
        samesite="Strict",
    )
    return response
