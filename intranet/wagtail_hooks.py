from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks

from intranet import audience


@hooks.register("before_serve_page")
def enforce_audience(page, request, serve_args, serve_kwargs):
    """Serve a page only to those the audience rule admits.

    Anonymous visitors are sent to the login page (which tells them nothing about the
    page); signed-in staff outside a restricted group get a plain 404.
    """
    if audience.can_view(request.user, page):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
