from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("new/", views.thread_create, name="thread-create"),
    path("<int:pk>/edit/", views.thread_edit, name="thread-edit"),
    path("<int:pk>/answer/", views.thread_answer, name="thread-answer"),
    path("<int:pk>/pin/", views.thread_pin, name="thread-pin"),
    path("<int:pk>/lock/", views.thread_lock, name="thread-lock"),
    path("<int:pk>/hide/", views.thread_hide, name="thread-hide"),
    path("<int:pk>/unhide/", views.thread_unhide, name="thread-unhide"),
    path("polls/<int:pk>/vote/", views.poll_vote, name="poll-vote"),
]
