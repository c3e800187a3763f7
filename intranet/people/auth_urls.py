"""Sign-in, sign-out and passwords, under /accounts/.

The views are Django's own, given the intranet's templates and the intranet's
namespaced addresses to go on to, so nothing depends on the host's ``registration/``
templates or on un-namespaced URL names.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

T = "intranet/registration/"

urlpatterns = [
    path(
        "login/",
        views.LoginView.as_view(template_name=T + "login.html"),
        name="login",
    ),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name=T + "password_change_form.html",
            success_url=reverse_lazy("intranet:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name=T + "password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(
            template_name=T + "password_reset_form.html",
            subject_template_name=T + "password_reset_subject.txt",
            success_url=reverse_lazy("intranet:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=T + "password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=T + "password_reset_confirm.html",
            success_url=reverse_lazy("intranet:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=T + "password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
