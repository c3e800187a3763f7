from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet import (
    ids,  # noqa: F401 - registers the intranet_id converter
    roles,
)

from . import engagement_views, reach
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


engagement_urls = [
    path("", engagement_views.EngagementReportView.as_view(), name="report"),
    path("leaders/", engagement_views.LeadersView.as_view(), name="leaders"),
    path(
        "reach/<intranet_id:page_id>/",
        engagement_views.PageReachView.as_view(),
        name="page_reach",
    ),
]


@hooks.register("register_admin_urls")
def register_engagement_urls():
    return [
        path(
            "reports/engagement/",
            include(
                (engagement_urls, "intranet_engagement"),
                namespace="intranet_engagement",
            ),
        )
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def engagement_menu_item():
    return ReportMenuItem(
        _("Engagement by department"),
        reverse("intranet_engagement:report"),
        icon_name="table",
        order=790,
    )


@hooks.register("register_reports_menu_item")
def leaders_menu_item():
    return ReportMenuItem(
        _("How leaders' updates land"),
        reverse("intranet_engagement:leaders"),
        icon_name="user",
        order=791,
    )


def _reach_button(page, user, priority):
    if getattr(page.specific_class, "counts_reads", False) and page.live:
        if reach.may_see_reach_of_pages(user, page):
            yield Button(
                _("Reach"),
                reverse("intranet_engagement:page_reach", args=[page.pk]),
                icon_name="view",
                priority=priority,
            )


@hooks.register("register_page_listing_more_buttons")
def reach_listing_button(page, user, next_url=None):
    yield from _reach_button(page, user, priority=55)


@hooks.register("register_page_header_buttons")
def reach_header_button(page, user, view_name, next_url=None):
    yield from _reach_button(page, user, priority=66)
