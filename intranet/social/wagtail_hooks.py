from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import ReportDecisionForm
from .models import CommentReport, ExternalChannel


class ExternalChannelViewSet(SnippetViewSet):
    model = ExternalChannel
    icon = "globe"
    menu_label = _("External channels")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "network", "owner", "audience"]
    list_filter = ["network"]
    search_fields = ["name", "purpose"]


register_snippet(ExternalChannelViewSet)


class FlaggedCommentViewSet(ModelViewSet):
    """The moderators' queue: comments staff reported, oldest open report first."""

    model = CommentReport
    icon = "warning"
    menu_label = _("Flagged comments")
    add_to_admin_menu = True
    menu_order = 310
    name = "flagged-comments"
    list_display = ["comment", "reason", "user", "created_at", "status"]
    list_filter = ["status"]
    ordering = ["status", "created_at"]
    inspect_view_enabled = True
    form_fields = []
    edit_handler = ObjectList(
        [
            HelpPanel(template="intranet/social/admin/report_help_panel.html"),
            FieldPanel("decision"),
            FieldPanel("reason_for_author"),
        ],
        base_form_class=ReportDecisionForm,
    )

    def get_queryset(self, request):
        return CommentReport.objects.select_related(
            "comment", "user__intranet_profile", "resolved_by"
        )


@hooks.register("register_admin_viewset")
def register_flagged_comments():
    return FlaggedCommentViewSet()
