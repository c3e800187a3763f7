"""Every URL the intranet routes is either deliberately public or asks for a login.

The test walks the whole resolver, builds a concrete path for each pattern, and
sends an anonymous GET. A new URL that answers anonymous visitors without being on
the allowlist below fails the suite, so no surface becomes public by accident.
"""

import itertools
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# URL names ("namespace:name") that anonymous visitors may reach, and why.
PUBLIC = {
    "intranet:login": "signing in",
    "intranet:logout": "signing out",
    "intranet:password_reset": "asking for a reset link",
    "intranet:password_reset_done": "the 'link sent' page",
    "intranet:password_reset_confirm": "following the reset link",
    "intranet:password_reset_complete": "the 'password saved' page",
    "intranet:health": "the load balancer's check",
    "intranet:language": "the header's language switcher, on the sign-in page too",
    "wagtail_serve": "public posts; the audience rule guards every other page",
    "wagtailadmin_login": "the admin's own sign-in page",
    "wagtailadmin_javascript_catalog": "the admin's translations, for its sign-in page",
    "wagtailadmin_sprite": "the admin's icons, for its sign-in page",
    "wagtailadmin_password_reset": "the admin's reset link form",
    "wagtailadmin_password_reset_done": "the admin's 'link sent' page",
    "wagtailadmin_password_reset_confirm": "the admin's reset link",
    "wagtailadmin_password_reset_complete": "the admin's 'password saved' page",
    "intranet:blog-feeds:rss": "a personal feed: the secret key in its address stands for a login",
    "intranet:blog-feeds:atom": "the same feed as Atom",
    "intranet:blog-feeds:tag-rss": "a personal feed of one tag",
    "intranet:blog-feeds:tag-atom": "the same feed as Atom",
    "intranet:newsroom:index": "the public listing of public posts",
    "intranet:newsroom:rss": "the public RSS feed of public posts",
    "intranet:newsroom:atom": "the public Atom feed of public posts",
    "intranet:sitemap": "search engines: public pages only",
    "intranet:robots": "search engines: what they may crawl",
    "intranet:search": "searching the public posts; staff see more once signed in",
    "intranet:social:unsubscribe": "the signed one-click link in e-mails stands for a login",
    "intranet:image": "pictures at the signed addresses of Wagtail's rendition view, "
    "as open as the rendition files themselves",
}
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")
SAMPLES = ["1", "abc", "abc/", "1/", "", "a-b.c", "1/abc/"]


def _strip(regex: str) -> str:
    regex = regex.removeprefix("^")
    for suffix in ("\\Z", "$"):
        regex = regex.removesuffix(suffix)
    return regex


def walk(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        regex = prefix + _strip(pattern.pattern.regex.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            yield from walk(pattern, regex, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            yield regex, (pattern.name or ""), namespace


def _groups(regex: str):
    """Spans of the top-level groups in a regex string."""
    spans, depth, start, i, in_class = [], 0, None, 0, False
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                end = i + 1
                if end < len(regex) and regex[end] in "?*+":
                    end += 1
                spans.append((start, end))
        i += 1
    return spans


def _literal(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"(.)\?", r"\1", text)


def sample_path(regex: str) -> str | None:
    spans = _groups(regex)
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(_literal(regex[last:start]))
        last = end
    tail = _literal(regex[last:])
    for combo in itertools.product(SAMPLES, repeat=len(spans)):
        path = "".join(p + c for p, c in zip(pieces, combo, strict=True)) + tail
        if re.fullmatch(regex, path):
            return "/" + path
    return None


ROUTES = sorted(set(walk()))


def test_the_inventory_sees_the_whole_site():
    names = {name for _, name, _ in ROUTES}
    assert {"login", "wagtail_serve", "wagtailadmin_home", "profile-edit"} <= names
    assert len(ROUTES) > 100


@pytest.mark.parametrize(("regex", "name", "namespace"), ROUTES)
def test_url_is_public_on_purpose_or_asks_for_login(
    client, tree, regex, name, namespace
):
    if f"{namespace}{name}" in PUBLIC:
        return
    path = sample_path(regex)
    assert path is not None, f"cannot build a path for {regex!r}; add a sample"
    response = client.get(path)
    assert response.status_code == 302, (
        f"{path} ({namespace}{name}) answered {response.status_code} to an anonymous "
        "visitor; protect it or add it to PUBLIC with a reason"
    )
    assert response["Location"].startswith(LOGIN_PAGES), response["Location"]


INTRANET_ROUTES = [route for route in ROUTES if route[2].startswith("intranet:")]


def test_every_intranet_route_is_under_the_intranet_namespace():
    names = {f"{namespace}{name}" for _, name, namespace in INTRANET_ROUTES}
    assert {"intranet:login", "intranet:search", "intranet:people:profile"} <= names


@pytest.mark.parametrize(("regex", "name", "namespace"), INTRANET_ROUTES)
def test_intranet_views_ask_for_login_without_the_login_middleware(
    client, settings, tree, regex, name, namespace
):
    """A host need not run LoginRequiredMiddleware: the views require login."""
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if m != "django.contrib.auth.middleware.LoginRequiredMiddleware"
    ]
    if f"{namespace}{name}" in PUBLIC:
        return
    response = client.get(sample_path(regex))
    assert response.status_code == 302, (namespace, name, response.status_code)
    assert response["Location"].startswith("/accounts/login/"), response["Location"]
