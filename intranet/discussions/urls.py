from django.urls import path

from intranet import ids  # noqa: F401 - registers the intranet_id converter

from . import views

app_name = "discussions"

urlpatterns = [
    path("new/", views.thread_create, name="thread-create"),
    path("<intranet_id:pk>/edit/", views.thread_edit, name="thread-edit"),
    path("<intranet_id:pk>/answer/", views.thread_answer, name="thread-answer"),
    path("<intranet_id:pk>/pin/", views.thread_pin, name="thread-pin"),
    path("<intranet_id:pk>/lock/", views.thread_lock, name="thread-lock"),
    path("<intranet_id:pk>/hide/", views.thread_hide, name="thread-hide"),
    path("<intranet_id:pk>/unhide/", views.thread_unhide, name="thread-unhide"),
    path("polls/<intranet_id:pk>/vote/", views.poll_vote, name="poll-vote"),
]
