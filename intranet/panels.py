"""Panels on the home page that other apps contribute.

An app registers a function with Wagtail's hook registry::

    @hooks.register("intranet_home_panels")
    def waiting_guidelines(request):
        return HomePanel(order=20, template="intranet/guidelines/includes/home_panel.html",
                         context={...})

It returns a ``HomePanel`` or ``None`` (nothing to show this person). The home page
renders the panels in ``order``. Each panel shows only what the person may see.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK = "intranet_home_panels"


@dataclass
class HomePanel:
    order: int
    template: str
    context: dict = field(default_factory=dict)


def panels_for(request) -> list[HomePanel]:
    panels = (fn(request) for fn in hooks.get_hooks(HOOK))
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)


PROFILE_HOOK = "intranet_profile_sections"


def profile_sections_for(request, person) -> list[HomePanel]:
    """What other apps show on a person's profile (their posts, their threads, …).

    Register ``@hooks.register("intranet_profile_sections")`` with a function of
    ``(request, person)`` returning a ``HomePanel`` or ``None``; it must show only what
    ``request.user`` may see.
    """
    sections = (fn(request, person) for fn in hooks.get_hooks(PROFILE_HOOK))
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)
