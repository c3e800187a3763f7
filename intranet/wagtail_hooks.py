from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log

from intranet import audience, conf


@hooks.register("before_serve_page")
def enforce_audience(page, request, serve_args, serve_kwargs):
    """Serve a page only to those the audience rule admits.

    Anonymous visitors are sent to the login page (which tells them nothing about the
    page); signed-in staff outside a restricted group get a plain 404. Pages outside
    every intranet are the host's: Wagtail serves them with its own privacy.
    """
    if not audience.in_intranet(page) or audience.can_view(request.user, page):
        return None
    if not request.user.is_authenticated:
        return conf.redirect_to_login(request)
    raise Http404


@hooks.register("register_log_actions")
def register_audience_actions(actions):
    actions.register_action(
        "intranet.audience_changed", _("Change audience"), _("Audience changed")
    )


def _log_audience_change(request, page, key):
    change = getattr(request.user, "_audience_changes", {}).pop(key, None)
    if change is None:
        return
    before, after = change
    log(
        page,
        "intranet.audience_changed",
        user=request.user,
        data={"from": before, "to": after},
    )


@hooks.register("after_create_page")
def log_audience_of_new_page(request, page):
    """A new page made public (by an editor: see intranet.forms) is in the audit log."""
    _log_audience_change(request, page, None)


@hooks.register("after_edit_page")
def log_audience_change(request, page):
    _log_audience_change(request, page, page.pk)


@hooks.register("before_move_page")
def refuse_moves_without_permission(request, page, destination):
    """Wagtail checks a move's permission on the POST only, so its confirmation page
    would show any page's title to any admin user; refuse it up front as well."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("register_permissions")
def intranet_permissions():
    """The intranet's roles (intranet.roles), to tick in the admin's group editor."""
    return Permission.objects.filter(content_type__app_label="intranet")
