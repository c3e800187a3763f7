from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from intranet import (
    audience,
    ids,  # noqa: F401 - registers the intranet_id converter
    pages,
)
from intranet.guidelines import engagement, reports, services
from intranet.guidelines.models import (
    involves_policy,
    is_policy_approver,
)
from intranet.panels import HomePanel
from intranet.social.translations import one_per_page

app_name = "guidelines_reports"
report_urls = [
    path("must-read/", reports.MustReadReportView.as_view(), name="must_read"),
    path(
        "must-read/results/",
        reports.MustReadReportView.as_view(results_only=True),
        name="must_read_results",
    ),
    path(
        "must-read/<intranet_id:page_id>/",
        reports.AcknowledgementReportView.as_view(),
        name="acknowledgements",
    ),
    path(
        "must-read/<intranet_id:page_id>/results/",
        reports.AcknowledgementReportView.as_view(results_only=True),
        name="acknowledgements_results",
    ),
    path("overdue/", reports.OverdueReviewsView.as_view(), name="overdue"),
    path(
        "overdue/results/",
        reports.OverdueReviewsView.as_view(results_only=True),
        name="overdue_results",
    ),
    path("training/", reports.TrainingReportView.as_view(), name="training"),
    path(
        "training/results/",
        reports.TrainingReportView.as_view(results_only=True),
        name="training_results",
    ),
    path(
        "training/<intranet_id:page_id>/",
        reports.TrainingModuleReportView.as_view(),
        name="training_module",
    ),
    path(
        "training/<intranet_id:page_id>/results/",
        reports.TrainingModuleReportView.as_view(results_only=True),
        name="training_module_results",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/guidelines/",
            include((report_urls, app_name), namespace=app_name),
        )
    ]


class EditorReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def acknowledgements_menu_item():
    return EditorReportMenuItem(
        gettext_lazy("Guideline acknowledgements"),
        reverse("guidelines_reports:must_read"),
        icon_name="tick",
        order=800,
    )


@hooks.register("register_reports_menu_item")
def overdue_reviews_menu_item():
    return EditorReportMenuItem(
        gettext_lazy("Guideline reviews overdue"),
        reverse("guidelines_reports:overdue"),
        icon_name="time",
        order=801,
    )


@hooks.register("register_reports_menu_item")
def training_menu_item():
    return EditorReportMenuItem(
        gettext_lazy("Training completion"),
        reverse("guidelines_reports:training"),
        icon_name="pick",
        order=802,
    )


@hooks.register("before_publish_page")
def policies_are_published_through_approval(request, page):
    """A policy goes live only through the Policy approval workflow: an editor's
    "publish" keeps the change as a draft and says how to submit it."""
    if not isinstance(page, pages.guideline_model()) or is_policy_approver(
        request.user
    ):
        return None
    if not involves_policy(page):
        return None
    if page.live and page.live_revision_id is None:
        # Wagtail's create view adds a page as live before publishing it: a new
        # policy stays a draft until it is approved.
        pages.guideline_model().objects.filter(pk=page.pk).update(
            live=False, has_unpublished_changes=True
        )
    messages.warning(
        request,
        _(
            "Policies go live only after approval. Your change is saved as a draft: "
            "submit it to the Policy approval workflow."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def _visible_hub(request):
    """The guidelines hub this person may see (the first), once for a request: the
    home page's panels each link to it."""
    if not hasattr(request, "_intranet_guidelines_hub"):
        from django.db.models import Subquery

        from .models import WhyBannerDismissal

        dismissed = WhyBannerDismissal.objects.filter(user=request.user.pk)
        request._intranet_guidelines_hub = (
            audience.visible_to(
                pages.guidelines_hub_model().objects.order_by("path"), request.user
            )
            .annotate(why_dismissed_at=Subquery(dismissed.values("created_at")[:1]))
            .first()
        )
    return request._intranet_guidelines_hub


@hooks.register("intranet_home_panels")
def guidelines_waiting(request):
    """Waiting for you: must-read guidelines to acknowledge and, for ambassadors,
    the training they still have to pass."""
    if not request.user.is_authenticated:
        return None
    pending = services.pending_for(request.user)
    waiting = []
    if pending:
        # Each guideline once, in the reader's language where it is translated.
        waiting = one_per_page(
            pages.guideline_model()
            .objects.filter(pk__in=pending)
            .waiting_for(request.user)
            .defer_streamfields()
            .order_by("title")
        )
    training = []
    if request.user.intranet_profile.is_ambassador:
        training = one_per_page(
            pages.training_module_model()
            .objects.required_for_ambassadors()
            .visible_to(request.user)
            .not_passed_by(request.user)
            .defer_streamfields()
            .order_by("title")
        )
    if not waiting and not training:
        return None
    first = (waiting or training)[0]
    hub = _visible_hub(request)
    if hub is None or not first.path.startswith(hub.path):
        hub = pages.guidelines_hub_model().objects.live().ancestor_of(first).first()
    return HomePanel(
        order=20,
        template="intranet/guidelines/includes/home_panel.html",
        context={"waiting": waiting, "training": training, "hub": hub},
    )


@hooks.register("intranet_ambassador_requirements")
def ambassador_training_passed(user):
    """Ambassadors pass every module marked "required for ambassadors" first."""
    missing = one_per_page(
        pages.training_module_model()
        .objects.required_for_ambassadors()
        .visible_to(user)
        .not_passed_by(user)
        .defer_streamfields()
        .order_by("title")
    )
    if not missing:
        return None
    return _("Pass the knowledge check of “%(modules)s” first, in Guidelines.") % {
        "modules": "”, “".join(module.title for module in missing)
    }


@hooks.register("intranet_home_panels")
def why_banner(request):
    """The organisation's social why, until the person puts it away."""

    if not request.user.is_authenticated:
        return None
    hub = _visible_hub(request)
    if hub is None or not hub.why_banner_for(request.user):
        return None
    return HomePanel(
        order=5,
        template="intranet/guidelines/includes/why_banner.html",
        context={"hub": hub},
    )


@hooks.register("intranet_engagement_measures")
def engagement_measures():
    return engagement.guideline_measures()
