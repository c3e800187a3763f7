from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import UpdateView
from wagtail.images import get_image_model
from wagtail.models import Collection

from intranet import audience, conf, languages, reading, throttle, translations
from intranet.context_processors import intranet_home_url
from intranet.panels import profile_sections_for

from . import leaders
from .forms import LeaderUpdateForm, LoginForm, PasswordResetForm, ProfileForm
from .models import LeaderProfilePage, LeaderUpdatePage, profile_of


class LoginView(auth_views.LoginView):
    """Sign-in, landing on the intranet's home page unless ``next`` says where."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return intranet_home_url(self.request)


class LogoutView(auth_views.LogoutView):
    """Sign-out, back to the intranet's sign-in page unless ``next`` says where."""

    def get_default_redirect_url(self):
        return conf.login_url()


class PasswordResetView(auth_views.PasswordResetView):
    """The "send me a reset link" page: one answer for every address; the e-mail is
    queued (see ``intranet.people.passwords``)."""

    form_class = PasswordResetForm
    email_template_name = "intranet/registration/password_reset_email.txt"


class ProfileEditView(UpdateView):
    """A member of staff edits their own profile; nobody else's is reachable here."""

    form_class = ProfileForm
    template_name = "intranet/people/profile_edit.html"
    success_url = reverse_lazy("intranet:people:profile-edit")

    def get_object(self, queryset=None):
        return profile_of(self.request.user)

    def form_valid(self, form):
        if "language" in form.changed_data:
            # Say it in the language just chosen, as the next page will speak.
            language = languages.supported_variant(form.cleaned_data["language"])
            translation.activate(language or languages.default())
        messages.success(self.request, _("Your profile has been saved."))
        response = super().form_valid(form)
        if "counts_reading" in form.changed_data and not form.instance.counts_reading:
            reading.forget_reading(self.request.user)
        return response


def profile(request, username):
    """A colleague's profile, as staff see it, linked to their leader profile if any."""
    person = get_object_or_404(
        get_user_model().objects.select_related("intranet_profile"),
        username=username,
        is_active=True,
    )
    sections = profile_sections_for(request, person)
    leader_page = translations.one_per_page(
        audience.visible_to(LeaderProfilePage.objects.filter(user=person), request.user)
    ).first()
    return render(
        request,
        "intranet/people/profile.html",
        {"person": person, "sections": sections, "leader_page": leader_page},
    )


SUGGESTIONS = 8
SUGGEST_QUERY_MAX = 50
SUGGEST_RATE = throttle.Limit("people-suggest", count=120, seconds=60)


@require_GET
def suggest(request):
    """Colleagues to @mention: up to eight active people whose username or name
    starts with ``q``, as JSON for the suggestions under a comment box."""
    if throttle.hit(SUGGEST_RATE, str(request.user.pk)):
        return JsonResponse([], safe=False, status=429)
    query = request.GET.get("q", "").strip().lstrip("@")[:SUGGEST_QUERY_MAX].strip()
    if not query:
        return JsonResponse([], safe=False)
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk=request.user.pk)
        .annotate(full_name=Concat("first_name", Value(" "), "last_name"))
        .filter(
            Q(username__istartswith=query)
            | Q(intranet_profile__display_name__istartswith=query)
            | Q(first_name__istartswith=query)
            | Q(last_name__istartswith=query)
            | Q(full_name__istartswith=query)
        )
        .select_related("intranet_profile")
        .only("username", "first_name", "last_name", "intranet_profile__display_name")
        .order_by("username")[:SUGGESTIONS]
    )
    return JsonResponse(
        [
            {"username": person.username, "name": person.intranet_profile.name}
            for person in people
        ],
        safe=False,
    )


def _stored_image(upload, alt: str, user):
    """A front-end upload, stored in Wagtail's image library like an admin one."""
    image = get_image_model()(
        title=alt[:255],
        description=alt[:255],
        file=upload,
        uploaded_by_user=user,
        collection=Collection.get_first_root_node(),
    )
    image.save()
    return image


def post_update(request, profile: LeaderProfilePage):
    """ "Post an update" on a leader's profile: for the leader and their delegates."""
    if not profile.can_post(request.user):
        raise PermissionDenied
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = LeaderUpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        image = None
        if data["image"]:
            image = _stored_image(data["image"], data["image_alt"], request.user)
        update = leaders.post_update(
            profile,
            request.user,
            title=data["title"],
            text=data["text"],
            image=image,
            video_url=data["video_url"],
            urgent=data["urgent"],
        )
        messages.success(request, leaders.publish_message(update, request.user))
        if update.live:
            return HttpResponseRedirect(update.url)
        return HttpResponseRedirect(profile.url)
    return TemplateResponse(
        request,
        "intranet/people/leader_update_form.html",
        {
            "page": profile,
            "form": form,
            "is_leader": profile.is_leader(request.user),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def approve_update(request, profile: LeaderProfilePage, update_id: int):
    """The leader approves a delegate's draft from their profile page."""
    if not profile.is_leader(request.user):
        raise PermissionDenied
    update = LeaderUpdatePage.objects.child_of(profile).filter(pk=update_id).first()
    if update is None:
        raise Http404
    leaders.approve(profile, update, request.user)
    messages.success(request, _("The update is approved and published."))
    return HttpResponseRedirect(profile.url)
