from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ExternalChannel


class ExternalChannelViewSet(SnippetViewSet):
    model = ExternalChannel
    icon = "globe"
    menu_label = "External channels"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "network", "owner", "audience"]
    list_filter = ["network"]
    search_fields = ["name", "purpose"]


register_snippet(ExternalChannelViewSet)
