"""How each person hears about what is new: their settings page, and the signed
one-click link in every notification e-mail that switches one kind of e-mail off
without signing in."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import mail, preferences
from .forms import PreferencesForm
from .models import Delivery, Kind


def notification_preferences(request):
    """Choose, kind by kind, the bell and the e-mail: at once, a digest, or off."""
    choices = preferences.for_person(request.user)
    form = PreferencesForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        for kind, on_site, email in form.chosen():
            if choices[kind] != preferences.Choice(on_site, email):
                preferences.choose(request.user, kind, on_site=on_site, email=email)
        messages.success(request, _("Your notification settings are saved."))
        return HttpResponseRedirect(request.path)
    return render(
        request, "intranet/social/notification_preferences.html", {"form": form}
    )


@login_not_required
@csrf_exempt  # the signed link is the proof; mail clients post it without a cookie
def unsubscribe(request, token):
    """Switch e-mail off, for one kind or several, for the person the link was
    signed for.

    Opening the link asks first (mail scanners open links too); the button, or a
    mail client's one-click POST, does it. A tampered link changes nothing.
    """
    try:
        user_pk, kinds = mail.read_unsubscribe_token(token)
    except signing.BadSignature:
        user_pk, kinds = None, []
    person = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if person is None:
        return render(
            request, "intranet/social/unsubscribe.html", {"invalid": True}, status=400
        )
    done = request.method == "POST"
    if done:
        chosen = preferences.for_person(person)
        for kind in kinds:
            preferences.choose(
                person, kind, on_site=chosen[kind].on_site, email=Delivery.OFF
            )
    return render(
        request,
        "intranet/social/unsubscribe.html",
        {"kinds": [Kind(kind) for kind in kinds], "done": done, "token": token},
    )
