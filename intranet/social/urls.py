from django.urls import path

from intranet import ids  # noqa: F401 - registers the intranet_id converter

from . import subscriptions, views

app_name = "social"

urlpatterns = [
    path("comments/<intranet_id:pk>/", views.comment_open, name="comment"),
    path("comments/<intranet_id:pk>/edit/", views.comment_edit, name="comment-edit"),
    path(
        "comments/<intranet_id:pk>/delete/", views.comment_delete, name="comment-delete"
    ),
    path("comments/<intranet_id:pk>/like/", views.comment_like, name="comment-like"),
    path(
        "comments/<intranet_id:pk>/report/", views.comment_report, name="comment-report"
    ),
    path("comments/<intranet_id:pk>/hide/", views.comment_hide, name="comment-hide"),
    path(
        "comments/<intranet_id:pk>/restore/",
        views.comment_restore,
        name="comment-restore",
    ),
    path("pages/<intranet_id:pk>/react/", views.page_react, name="page-react"),
    path("pages/<intranet_id:pk>/follow/", views.page_follow, name="page-follow"),
    path("pages/<intranet_id:pk>/unfollow/", views.page_unfollow, name="page-unfollow"),
    path("tags/<str:slug>/follow/", views.tag_follow, name="tag-follow"),
    path("people/<str:username>/follow/", views.person_follow, name="person-follow"),
    path("following/", views.following, name="following"),
    path(
        "pages/<intranet_id:pk>/close-comments/",
        views.page_comments_close,
        name="page-comments-close",
    ),
    path(
        "pages/<intranet_id:pk>/open-comments/",
        views.page_comments_open,
        name="page-comments-open",
    ),
    path("feeds/reset/", views.feeds_reset, name="feeds-reset"),
    path("notifications/", views.notifications, name="notifications"),
    path(
        "notifications/<intranet_id:pk>/",
        views.notification_open,
        name="notification-open",
    ),
    path(
        "notifications/settings/",
        subscriptions.notification_preferences,
        name="notification-preferences",
    ),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    path("share/<intranet_id:page_id>/<str:network>/", views.share, name="share"),
    path("shares/", views.share_history, name="share-history"),
]
