from django.urls import path

from . import subscriptions, views

app_name = "social"

urlpatterns = [
    path("comments/<int:pk>/", views.comment_open, name="comment"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment-edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment-delete"),
    path("comments/<int:pk>/like/", views.comment_like, name="comment-like"),
    path("comments/<int:pk>/report/", views.comment_report, name="comment-report"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment-hide"),
    path("comments/<int:pk>/restore/", views.comment_restore, name="comment-restore"),
    path("pages/<int:pk>/react/", views.page_react, name="page-react"),
    path("pages/<int:pk>/follow/", views.page_follow, name="page-follow"),
    path("pages/<int:pk>/unfollow/", views.page_unfollow, name="page-unfollow"),
    path("tags/<str:slug>/follow/", views.tag_follow, name="tag-follow"),
    path("people/<str:username>/follow/", views.person_follow, name="person-follow"),
    path("following/", views.following, name="following"),
    path(
        "pages/<int:pk>/close-comments/",
        views.page_comments_close,
        name="page-comments-close",
    ),
    path(
        "pages/<int:pk>/open-comments/",
        views.page_comments_open,
        name="page-comments-open",
    ),
    path("feeds/reset/", views.feeds_reset, name="feeds-reset"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification-open"),
    path(
        "notifications/settings/",
        subscriptions.notification_preferences,
        name="notification-preferences",
    ),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    path("share/<int:page_id>/<str:network>/", views.share, name="share"),
    path("shares/", views.share_history, name="share-history"),
]
