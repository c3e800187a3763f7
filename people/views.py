from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView

from intranet.panels import profile_sections_for

from .forms import LoginForm, PasswordResetForm, ProfileForm
from .models import User


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"


class ProfileEditView(UpdateView):
    """A member of staff edits their own profile; nobody else's is reachable here."""

    form_class = ProfileForm
    template_name = "people/profile_edit.html"
    success_url = reverse_lazy("people:profile-edit")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)


def profile(request, username):
    """A colleague's profile, as staff see it."""
    person = get_object_or_404(User, username=username, is_active=True)
    sections = profile_sections_for(request, person)
    return render(
        request, "people/profile.html", {"person": person, "sections": sections}
    )
