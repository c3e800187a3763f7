from django.urls import path

from . import newsroom

app_name = "newsroom"

urlpatterns = [
    path("", newsroom.index, name="index"),
    path("rss/", newsroom.rss, name="rss"),
    path("atom/", newsroom.atom, name="atom"),
]
