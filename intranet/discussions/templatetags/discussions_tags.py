from django import template

from intranet.discussions.polls import can_see, poll_context

register = template.Library()


@register.inclusion_tag("intranet/discussions/includes/poll.html", takes_context=True)
def poll_panel(context, poll):
    """A poll with its voting form or results, as this person may see it."""
    request = context.get("request")
    if request is None:  # rendered outside a request (e.g. counting reading time)
        return {"poll": None}
    visible = poll is not None and can_see(request.user, poll)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "poll": poll_context(poll, request.user) if visible else None,
        "back": request.get_full_path(),
    }
