import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end a <script> element or open a comment, as in
# django.utils.html.json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` with the request's scheme and host, for Open Graph readers."""
    request = context.get("request")
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag
def article_json_ld(page, canonical_url: str, org: str):
    """schema.org Article data for search engines: a data block, never executed."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.search_description or page.standfirst,
        "url": canonical_url,
        "mainEntityOfPage": canonical_url,
        "publisher": {"@type": "Organization", "name": org},
        "author": [
            {"@type": "Person", "name": p.intranet_profile.name} for p in page.people
        ]
        or {"@type": "Organization", "name": org},
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped JSON
