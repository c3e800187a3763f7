"""What a host must find once the intranet is installed as the README says.

Run inside the host: ``python manage.py shell < verify.py``, with HOST_STATE naming
the JSON file before.py wrote and HOST_NAME the host's Wagtail Site hostname. Every
check prints one line; the first that fails raises, and the shell exits non-zero.
"""

import json
import os
import re
import uuid

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hoststate import snapshot
from wagtail.models import Site

from intranet import pages as intranet_pages
from intranet.blog.models import NewsroomPage
from intranet.people.models import Profile
from intranet.social.models import Comment

HOST = os.environ.get("HOST_NAME", "localhost")
HOST_MARKER = "css/hostsite.css"  # the stylesheet wagtail start's base.html links
STATE = json.load(open(os.environ["HOST_STATE"]))
User = get_user_model()


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"  ok  {message}")


def client():
    return Client(HTTP_HOST=HOST)


def body(response):
    return response.content.decode()


def needs_login(response):
    """302 to the intranet's sign-in, or 404: never the page."""
    login = reverse("intranet:login")
    if response.status_code == 302:
        return response["Location"].split("?")[0] == login
    return response.status_code == 404


check(
    Site.objects.get(is_default_site=True).hostname == HOST,
    f"the host's Site is {HOST}",
)
check(
    reverse("intranet:login") == "/intranet/accounts/login/",
    "the intranet signs in at /intranet/accounts/login/",
)

# The host's own pages, to anonymous visitors, in the host's own templates.
anonymous = client()
for path, title in (
    ("/", None),
    ("/about/", "About"),
    ("/news/", "News"),
    ("/contact/", "Contact"),
):
    response = anonymous.get(path)
    html = body(response)
    check(
        response.status_code == 200,
        f"host page {path} answers 200 to an anonymous visitor",
    )
    check(
        HOST_MARKER in html and "template-homepage" in html,
        f"host page {path} wears the host's base.html and home_page.html",
    )
    check(
        'class="site-header' not in html, f"host page {path} carries no intranet layout"
    )
    if title:
        check(f"{title}" in html, f"host page {path} shows its title")

# The host's users and pages are kept.
users = {u.username: u.password for u in User.objects.order_by("pk")}
check(
    users == STATE["users"],
    f"the host's {len(users)} users are kept, with the same password hashes",
)
check(
    Profile.objects.filter(user__in=User.objects.all()).count() == len(users),
    "every host user has an intranet profile (intranet_create_profiles)",
)
from wagtail.models import Page  # noqa: E402

pages = {
    p.url_path: [p.url_path, p.title, p.content_type.model, p.live]
    for p in Page.objects.all()
}
for before in STATE["pages"]:
    check(
        pages.get(before[0]) == before,
        f"host page {before[0]} ({before[1]}) is as it was",
    )

# The host's groups are left alone.
check(
    snapshot()["groups"] == STATE["groups"],
    "the host's Editors and Moderators groups keep exactly their permissions",
)
from django.contrib.auth.models import Group  # noqa: E402

intranet_groups = {
    "Intranet editors",
    "Intranet moderators",
    "Intranet leaders",
    "Intranet policy approvers",
}
check(
    intranet_groups <= set(Group.objects.values_list("name", flat=True)),
    "intranet_setup created the intranet's own groups",
)

# The intranet needs a sign-in.
staff_post = intranet_pages.blog_post_model().objects.get(slug="reorganisation")
public_post = intranet_pages.blog_post_model().objects.get(slug="open-day")
check(
    staff_post.url == "/intranet/blog/reorganisation/",
    f"the staff-only post is in the intranet section ({staff_post.url})",
)
for path in (
    "/intranet/",
    staff_post.url,
    "/intranet/people/profile/alice/",
    "/intranet/social/notifications/",
):
    response = anonymous.get(path)
    check(
        needs_login(response) and "STAFFONLY" not in body(response),
        f"{path} asks an anonymous visitor to sign in ({response.status_code})",
    )

# The intranet's search is open, and searches the public posts only (README).
response = anonymous.get("/intranet/search/", {"q": "Reorganisation"})
check(
    response.status_code == 200 and "STAFFONLY" not in body(response),
    "the intranet's search shows an anonymous visitor nothing staff-only",
)
response = anonymous.get("/intranet/search/", {"q": "Open day"})
check(
    "PUBLICPOST" in body(response) and HOST_MARKER in body(response),
    "the intranet's search finds the public post for anonymous visitors, in the host's layout",
)

# Host users sign in to the intranet through its own form.
alice = client()
response = alice.get("/intranet/accounts/login/?next=/intranet/")
check(
    response.status_code == 200 and 'name="password"' in body(response),
    "the intranet's sign-in form answers",
)
response = alice.post(
    "/intranet/accounts/login/",
    {"username": "alice", "password": "alice-pw-Secret-1", "next": "/intranet/"},
)
check(
    response.status_code == 302 and response["Location"] == "/intranet/",
    f"alice signs in with her host password ({response.status_code} to {response.get('Location')})",
)
response = alice.get("/intranet/")
html = body(response)
check(response.status_code == 200, "alice sees the intranet home")
check(
    'class="brand" href="/intranet/"' in html and 'href="/intranet/blog/"' in html,
    "the intranet's header leads to its own home and sections, not the host's",
)
check(
    'data-testid="nav-about"' not in html,
    "the intranet's navigation does not list the host's pages",
)
response = alice.get("/intranet/search/?q=Reorganisation")
check(
    response.status_code == 200 and "STAFFONLY" in body(response),
    "alice finds the staff-only post in the intranet's search",
)
carol = client()  # the host's superuser, signing in with no next
response = carol.post(
    "/intranet/accounts/login/",
    {"username": "hostadmin", "password": "host-admin-pw-1"},
)
check(
    response.status_code == 302 and response["Location"] == "/intranet/",
    f"a sign-in with no next lands on the intranet home ({response.get('Location')})",
)
response = carol.post("/intranet/accounts/logout/")
check(
    response.status_code == 302 and response["Location"] == "/intranet/accounts/login/",
    f"signing out goes back to the intranet's sign-in ({response.get('Location')})",
)
check(needs_login(carol.get("/intranet/")), "after signing out the intranet asks again")
bob = client()
check(
    bob.login(username="bob", password="bob-pw-Secret-2"),
    "bob signs in with his host password",
)

# Host users comment on intranet posts through each post's comment form.
readers = {"alice": alice, "bob": bob}
comments = [
    (staff_post, "alice", "bob", "A comment on the plans SECRETCOMMENT"),
    (public_post, "bob", "alice", "A staff view of the open day SECRETCOMMENT"),
]
for post, author, reader, text in comments:
    page = readers[author].get(post.url)
    check(
        page.status_code == 200 and 'name="token"' in body(page),
        f"{author} reads {post.url} with its comment form",
    )
    response = readers[author].post(
        post.url, {"text": text, "token": str(uuid.uuid4()), "parent": ""}
    )
    errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', body(response))
    check(
        response.status_code == 302,
        f"{author}'s comment on {post.url} is accepted ({response.status_code} {errors})",
    )
    check(
        Comment.objects.filter(
            user__username=author, comment=text, object_pk=str(post.pk)
        ).exists(),
        f"{author}'s comment on {post.url} is stored",
    )
    check(
        text in body(readers[reader].get(post.url)),
        f"{reader} reads {author}'s comment on {post.url}",
    )

# The newsroom, in the host's layout, shows the public post and nothing else.
newsroom = NewsroomPage.objects.get()
check(
    newsroom.url == "/newsroom/",
    f"the newsroom is in the host's public tree ({newsroom.url})",
)
response = anonymous.get("/newsroom/")
html = body(response)
check(response.status_code == 200, "the newsroom answers 200 to an anonymous visitor")
check(
    HOST_MARKER in html and "public-header" not in html,
    "the newsroom wears the host's base.html",
)
check(
    "PUBLICPOST" in html and "STAFFONLY" not in html,
    "the newsroom lists the public post and not the staff-only one",
)
public_url = "/newsroom/open-day/"
check(public_url in html, "the newsroom links the public post at its newsroom address")
response = anonymous.get(public_url)
html = body(response)
check(
    response.status_code == 200 and "PUBLICPOST" in html,
    f"{public_url} answers 200 with the public post",
)
check(
    HOST_MARKER in html and "public-header" not in html,
    f"{public_url} wears the host's base.html",
)
check(
    re.search(r'<link rel="canonical" href="http://[^"]+/newsroom/open-day/"', html),
    f"{public_url} names itself as canonical",
)
check(
    "SECRETCOMMENT" not in html and 'name="token"' not in html,
    f"{public_url} shows no comment and no comment form",
)
check(
    anonymous.get("/newsroom/reorganisation/").status_code == 404,
    "the staff-only post is not in the newsroom",
)
response = anonymous.get(public_post.url)
check(
    response.status_code in (301, 302) and response["Location"].endswith(public_url),
    f"the intranet copy of the public post sends anonymous visitors to the newsroom ({response.status_code})",
)

# The host's own search, narrowed by the audience rule.
response = anonymous.get("/search/", {"query": "Reorganisation"})
html = body(response)
check(
    response.status_code == 200 and HOST_MARKER in html,
    "the host's search answers in its own layout",
)
check(
    "STAFFONLY" not in html and staff_post.url not in html,
    "the host's search shows the staff-only post to nobody anonymous",
)
check(
    "About" in body(anonymous.get("/search/", {"query": "About"})),
    "the host's search still finds the host's pages",
)
check(
    "STAFFONLY" in body(alice.get("/search/", {"query": "Reorganisation"})),
    "a signed-in host user finds the staff-only post in the host's search",
)

print("the intranet is installed in the host as the README says")
