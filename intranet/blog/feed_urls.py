from django.urls import path

from . import feeds

app_name = "blog-feeds"

urlpatterns = [
    path("<str:key>/blog/rss/", feeds.rss, name="rss"),
    path("<str:key>/blog/atom/", feeds.atom, name="atom"),
    path("<str:key>/blog/tag/<slug:tag>/rss/", feeds.rss, name="tag-rss"),
    path("<str:key>/blog/tag/<slug:tag>/atom/", feeds.atom, name="tag-atom"),
]
