from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.ProfileEditView.as_view(), name="profile-edit"),
]
