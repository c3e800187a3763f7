from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("accounts/profile/", views.ProfileEditView.as_view(), name="profile-edit"),
    path("people/profile/<str:username>/", views.profile, name="profile"),
    path("people/suggest/", views.suggest, name="suggest"),
]
